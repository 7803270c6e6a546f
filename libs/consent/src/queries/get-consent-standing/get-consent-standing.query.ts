import { Query } from '@nestjs/cqrs';

export interface ConsentStanding {
  optedOut: boolean;
}

/** Whether the recipient is opted out of the number now, read from the pair's stream in the log. */
export class GetConsentStanding extends Query<ConsentStanding> {
  readonly number: string;
  readonly recipient: string;

  constructor(input: { number: string; recipient: string }) {
    super();
    Object.assign(this, input);
  }
}
