import { Query } from '@nestjs/cqrs';
import { MessagingProfileView } from '../messaging-profile.view';

/** One profile of the account, from the read model; MessagingProfileNotFound (404) otherwise. */
export class GetMessagingProfile extends Query<MessagingProfileView> {
  readonly accountId: string;
  readonly profileId: string;

  constructor(input: { accountId: string; profileId: string }) {
    super();
    Object.assign(this, input);
  }
}
