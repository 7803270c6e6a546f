import { StopSignal } from './wake-signal';

describe('StopSignal', () => {
  it('a sleep ends with what it waits for, or at the stop; after the stop at once', async () => {
    const signal = new StopSignal();
    await signal.sleep(Promise.resolve());
    let ended = false;
    const sleeping = signal.sleep(new Promise(() => undefined)).then(() => (ended = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(ended).toBe(false);
    signal.stop();
    await sleeping;
    expect(ended).toBe(true);
    expect(signal.isStopped).toBe(true);
    await signal.sleep(new Promise(() => undefined)); // would hang if it waited
  });

  it('a sleep that fails fails, and is forgotten', async () => {
    const signal = new StopSignal();
    await expect(signal.sleep(Promise.reject(new Error('read failed')))).rejects.toThrow(
      'read failed',
    );
    expect(signal.sleeping).toBe(0);
  });

  it('keeps nothing of the sleeps that ended (a subscription sleeps after every read)', async () => {
    const signal = new StopSignal();
    for (let n = 0; n < 10_000; n++) await signal.sleep(Promise.resolve());
    expect(signal.sleeping).toBe(0);
    const pending = signal.sleep(new Promise(() => undefined));
    expect(signal.sleeping).toBe(1);
    signal.stop();
    await pending;
    expect(signal.sleeping).toBe(0);
  });
});
