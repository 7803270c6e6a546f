import { StatementNames } from './statement-names';

describe('StatementNames', () => {
  it('names statements by the highest position seen, rounded down to a power of two', () => {
    const names = new StatementNames();
    expect(names.name('blocx_read_stream')).toBe('blocx_read_stream_0');
    const classes: Array<[bigint, number]> = [
      [1n, 0],
      [2n, 1],
      [3n, 1],
      [4n, 2],
      [1023n, 9],
      [1024n, 10],
      [5_000_000_000n, 32],
    ];
    for (const [position, sizeClass] of classes) {
      names.seen(position);
      expect(names.name('s')).toBe(`s_${sizeClass}`);
    }
  });

  it('never goes back to a smaller class (positions arrive out of order)', () => {
    const names = new StatementNames();
    names.seen(4096n);
    names.seen(17n);
    expect(names.name('s')).toBe('s_12');
  });
});
