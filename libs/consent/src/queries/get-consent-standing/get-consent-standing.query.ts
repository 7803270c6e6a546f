import { Query } from '@nestjs/cqrs';

export interface ConsentStanding {
  optedOut: boolean;
}

/**
 * Whether the recipient is opted out of the account's number now, read from the pair's stream in
 * the log.
 */
export class GetConsentStanding extends Query<ConsentStanding> {
  readonly accountId: string;
  readonly number: string;
  readonly recipient: string;

  constructor(input: { accountId: string; number: string; recipient: string }) {
    super();
    Object.assign(this, input);
  }
}
