import { E164 } from './phone-number';

describe('E164', () => {
  it.each([
    ['+14155550100', 'US', 'long_code'],
    ['+18005550100', 'US', 'toll_free'],
    ['+18885550123', 'US', 'toll_free'],
    ['+442079460958', 'GB', 'long_code'],
    ['+4915123456789', 'DE', 'long_code'],
    [' +14155550100 ', 'US', 'long_code'],
  ])('parses %s as %s %s', (raw, country, type) => {
    const number = E164.parse(raw);
    expect(number?.country).toBe(country);
    expect(number?.type).toBe(type);
    expect(number?.value).toBe(raw.trim());
  });

  it('takes a "+" that a query string decoded to a space', () => {
    expect(E164.parse(' 14155550100')?.value).toBe('+14155550100');
  });

  it.each([
    '',
    '14155550100',
    '+1415555',
    '+1415555010012345',
    '+15555550100x',
    '+10005550100',
    'abc',
    42,
    null,
  ])('refuses %p', (raw) => {
    expect(E164.parse(raw)).toBeUndefined();
  });

  it('gives the digits for stream ids', () => {
    expect(E164.parse('+14155550100')?.digits).toBe('14155550100');
  });
});
