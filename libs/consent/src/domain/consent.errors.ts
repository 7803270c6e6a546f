import { RuleViolation } from '@blocx/platform';

/** 422: the recipient texted an opt-out keyword to this number and has not opted back in. */
export class RecipientOptedOutError extends RuleViolation {
  constructor(number: string, recipient: string) {
    super(
      'recipient_opted_out',
      `${recipient} opted out of messages from ${number}; they can text START to opt back in`,
      '/to',
    );
  }
}
