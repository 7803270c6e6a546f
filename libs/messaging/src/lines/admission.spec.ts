import { Admission } from './admission';

describe('Admission', () => {
  it('runs at most `limit` at once, the rest in arrival order', async () => {
    const admission = new Admission(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const work = (i: number) =>
      admission.run(async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        order.push(i);
        running -= 1;
        return i;
      });
    const results = await Promise.all([0, 1, 2, 3, 4].map(work));
    expect(results).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
    expect(order.slice(2)).toEqual([2, 3, 4]);
  });

  it('lets the next in when a holder fails', async () => {
    const admission = new Admission(1);
    await expect(admission.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow();
    await expect(admission.run(async () => 'ok')).resolves.toBe('ok');
  });
});
