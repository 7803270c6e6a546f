import { lookup } from 'node:dns/promises';
import { isPublicAddress, literalAddress } from '@blocx/platform';
import { refusedTarget } from './webhook-target';

describe('webhook targets (SSRF guard)', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '100.127.255.254',
    '0.0.0.0',
    '224.0.0.1',
    '239.255.255.250',
    '255.255.255.255',
    '::',
    '::1',
    'fe80::1',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:169.254.169.254',
    '64:ff9b::10.0.0.1',
    '[::1]',
    '2001:db8::1',
    'not-an-ip',
  ])('%s is not public', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '172.32.0.1',
    '100.128.0.1',
    '93.184.216.34',
    '2606:4700::1111',
    '::ffff:8.8.8.8',
  ])('%s is public', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  it('finds literal addresses in URLs', () => {
    expect(literalAddress('http://127.0.0.1:8080/hook')).toBe('127.0.0.1');
    expect(literalAddress('https://[::1]/hook')).toBe('::1');
    expect(literalAddress('https://hooks.example.com/x')).toBeUndefined();
  });

  it('refuses a name that resolves to a private address (real resolver: localhost)', async () => {
    const resolve = async (host: string) =>
      (await lookup(host, { all: true })).map((a) => a.address);
    expect(await refusedTarget('http://localhost:9/x', resolve)).toMatch(
      /localhost resolves to non-public address/,
    );
  });

  it('refuses when any resolved address is private, and accepts all-public', async () => {
    expect(await refusedTarget('https://a.example/x', async () => ['8.8.8.8', '10.0.0.5'])).toMatch(
      /10\.0\.0\.5/,
    );
    expect(await refusedTarget('https://a.example/x', async () => ['8.8.8.8'])).toBeUndefined();
    expect(await refusedTarget('https://a.example/x', async () => [])).toMatch(/no address/);
    expect(await refusedTarget('http://169.254.169.254/latest', async () => ['8.8.8.8'])).toMatch(
      /169\.254/,
    );
  });
});
