import { Command } from '@nestjs/cqrs';
import { EventMetadata, LogPosition } from '@blocx/event-sourcing';
import { ProfileDraft } from '../../domain/profile-settings';

export interface ProfileCreated {
  profileId: string;
  position: LogPosition | undefined;
}

/** Creates a profile; what the draft leaves out takes the defaults. */
export class CreateMessagingProfile extends Command<ProfileCreated> {
  readonly accountId: string;
  readonly settings: ProfileDraft;
  /** Set by a caller that needs a known id (tests, imports); a new uuid otherwise. */
  readonly profileId?: string;
  readonly metadata?: EventMetadata;

  constructor(input: {
    accountId: string;
    settings: ProfileDraft;
    profileId?: string;
    metadata?: EventMetadata;
  }) {
    super();
    Object.assign(this, input);
  }
}
