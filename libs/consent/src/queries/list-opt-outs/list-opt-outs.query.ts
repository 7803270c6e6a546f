import { Query } from '@nestjs/cqrs';

export interface OptOutView {
  from: string;
  to: string;
  messagingProfileId: string | null;
  keyword: string;
  optedOutAt: string;
}

export interface OptOutPage {
  items: OptOutView[];
  total: number;
}

/** The account's pairs now opted out, newest first, from the opt-outs read model. */
export class ListOptOuts extends Query<OptOutPage> {
  readonly accountId: string;
  readonly messagingProfileId?: string;
  /** Only this sending number's (E.164). */
  readonly from?: string;
  readonly offset: number;
  readonly limit: number;

  constructor(input: {
    accountId: string;
    messagingProfileId?: string;
    from?: string;
    offset: number;
    limit: number;
  }) {
    super();
    Object.assign(this, input);
  }
}
