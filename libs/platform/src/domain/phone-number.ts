import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type PhoneNumberType = 'long_code' | 'toll_free';

/** Parsed numbers kept (oldest out first): a send and its dispatch parse the same ones again. */
const REMEMBERED = 10_000;
const remembered = new Map<string, E164 | null>();

/** An E.164 phone number, parsed with libphonenumber-js's full metadata. */
export class E164 {
  private constructor(
    /** `+15551234567` */
    readonly value: string,
    /** ISO 3166-1 alpha-2, or undefined for non-geographic numbers. */
    readonly country: string | undefined,
    readonly type: PhoneNumberType,
  ) {}

  /** Accepts `+15551234567` (and the URL-decoded forms of a path); undefined when not a valid number. */
  static parse(raw: unknown): E164 | undefined {
    if (typeof raw !== 'string') return undefined;
    const known = remembered.get(raw);
    if (known !== undefined) return known ?? undefined;
    const parsed = E164.parseNew(raw);
    if (raw.length > 32) return parsed; // no number is that long; keep no junk
    if (remembered.size >= REMEMBERED) remembered.delete(remembered.keys().next().value as string);
    remembered.set(raw, parsed ?? null);
    return parsed;
  }

  private static parseNew(raw: string): E164 | undefined {
    const text = raw.replace(/^ (?=\d)/, '+').trim();
    if (!/^\+[1-9]\d{6,14}$/.test(text)) return undefined;
    const parsed = parsePhoneNumberFromString(text);
    if (parsed === undefined) return undefined;
    // With full metadata a number is valid when it has a type: one match of the patterns, not two.
    const numberType = parsed.getType();
    if (numberType === undefined && !parsed.isValid()) return undefined;
    const type = numberType === 'TOLL_FREE' ? 'toll_free' : 'long_code';
    return new E164(parsed.number, parsed.country, type);
  }

  /** The digits alone, as stream ids use them: `phoneNumber-15551234567`. */
  get digits(): string {
    return this.value.slice(1);
  }

  toString(): string {
    return this.value;
  }
}
