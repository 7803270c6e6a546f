import { DomainEvent } from '@blocx/event-sourcing';
import { ProfileSettings } from './profile-settings';

/** A profile came to be, with all its settings (defaults filled in, keywords upper-case). */
export class MessagingProfileCreated extends DomainEvent<{
  profileId: string;
  accountId: string;
  settings: ProfileSettings;
  createdAt: string;
}> {}

/** Some settings changed: only the changed top-level fields, each with its whole new value. */
export class MessagingProfileUpdated extends DomainEvent<{
  profileId: string;
  accountId: string;
  changes: Partial<ProfileSettings>;
  updatedAt: string;
}> {}

/** A number joined the profile, as a step of the number move `moveId`. */
export class NumberAttachedToProfile extends DomainEvent<{
  profileId: string;
  accountId: string;
  phoneNumber: string;
  moveId: string;
  attachedAt: string;
}> {}

/** A number left the profile, as a step of the number move `moveId`. */
export class NumberDetachedFromProfile extends DomainEvent<{
  profileId: string;
  accountId: string;
  phoneNumber: string;
  moveId: string;
  detachedAt: string;
}> {}

export class MessagingProfileDeleted extends DomainEvent<{
  profileId: string;
  accountId: string;
  deletedAt: string;
}> {}

export const messagingProfileEvents = [
  MessagingProfileCreated,
  MessagingProfileUpdated,
  NumberAttachedToProfile,
  NumberDetachedFromProfile,
  MessagingProfileDeleted,
];
