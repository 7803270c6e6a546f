import { Query } from '@nestjs/cqrs';
import { MessagingProfileView } from '../messaging-profile.view';

export interface ProfilePage {
  profiles: MessagingProfileView[];
  total: number;
}

/** A page of the account's profiles, newest first. */
export class ListMessagingProfiles extends Query<ProfilePage> {
  readonly accountId: string;
  readonly offset: number;
  readonly limit: number;

  constructor(input: { accountId: string; offset: number; limit: number }) {
    super();
    Object.assign(this, input);
  }
}
