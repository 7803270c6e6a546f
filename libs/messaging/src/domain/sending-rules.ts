import { E164, RuleViolation } from '@blocx/platform';
import { measureMessageText, MessageTextSize } from './message-encoding';
import { NumberLine } from './number-line';
import {
  CampaignRequired,
  DestinationNotAllowed,
  FromNumberNotAssigned,
  FromNumberNotFound,
  InvalidPhoneNumber,
  TextRequired,
  TextTooLong,
} from './sending.errors';

export interface SendRequest {
  from: unknown;
  to: unknown;
  text: unknown;
}

export interface CheckedSendRequest {
  from: E164;
  to: E164;
  text: string;
  size: MessageTextSize;
}

/** The checks that need nothing but the request: phone numbers, then the text. */
export function checkSendRequest(request: SendRequest): CheckedSendRequest {
  const from = E164.parse(request.from);
  if (from === undefined) throw new InvalidPhoneNumber('/from');
  const to = E164.parse(request.to);
  if (to === undefined) throw new InvalidPhoneNumber('/to');
  if (typeof request.text !== 'string' || request.text.trim() === '') throw new TextRequired();
  const size = measureMessageText(request.text);
  if (size.tooLong) throw new TextTooLong(size.parts);
  return { from, to, text: request.text, size };
}

/** What the line rules read: the number now, and its profile's allowed countries now. */
export interface SendingLine {
  accountId: string;
  from: E164;
  to: E164;
  number: NumberLine | undefined;
  allowedCountries: readonly string[];
}

/**
 * The rules of the sending line, in the contract's order: the number is the account's, it has a
 * profile, the profile allows the destination, and 10DLC traffic has a campaign. The send checks
 * them before queuing and the dispatcher again right before hand-off (the final gate).
 */
export function sendingLineViolation(line: SendingLine): RuleViolation | undefined {
  const { number, from, to } = line;
  if (number === undefined || number.accountId !== line.accountId) {
    return new FromNumberNotFound(from.value);
  }
  if (number.profileId === null) return new FromNumberNotAssigned(from.value);
  if (to.country === undefined || !line.allowedCountries.includes(to.country)) {
    return new DestinationNotAllowed(to.country);
  }
  if (needsCampaign(number, to) && number.campaignId === null) {
    return new CampaignRequired(from.value);
  }
  return undefined;
}

/** 10DLC: a US long code sending to a US number; toll-free numbers are vetted otherwise. */
function needsCampaign(number: NumberLine, to: E164): boolean {
  return number.type === 'long_code' && number.country === 'US' && to.country === 'US';
}
