import { Query } from '@nestjs/cqrs';
import { PhoneNumberView, ViewPage } from '../views';

/** The account's numbers, newest first; only those a profile holds when `messagingProfileId` is set. */
export class ListPhoneNumbers extends Query<ViewPage<PhoneNumberView>> {
  readonly accountId: string;
  readonly messagingProfileId?: string;
  readonly offset: number;
  readonly limit: number;

  constructor(input: {
    accountId: string;
    messagingProfileId?: string;
    offset: number;
    limit: number;
  }) {
    super();
    Object.assign(this, input);
  }
}
