import { E164 } from '@blocx/platform';
import { Consent } from './consent.aggregate';

/** The consent stream of (number, recipient), from E.164 strings the caller already checked. */
export function consentStream(number: string, recipient: string): string {
  return Consent.stream(digitsOf(number), digitsOf(recipient));
}

function digitsOf(phoneNumber: string): { digits: string } {
  const parsed = E164.parse(phoneNumber);
  if (parsed === undefined) throw new Error(`${phoneNumber} is not an E.164 number`);
  return parsed;
}
