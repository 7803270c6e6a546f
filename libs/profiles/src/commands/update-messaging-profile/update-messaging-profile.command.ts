import { Command } from '@nestjs/cqrs';
import { EventMetadata, LogPosition } from '@blocx/event-sourcing';
import { ProfilePatch } from '../../domain/profile-settings';

/** Changes the fields the patch sets; undefined position when nothing actually changed. */
export class UpdateMessagingProfile extends Command<LogPosition | undefined> {
  readonly accountId: string;
  readonly profileId: string;
  readonly patch: ProfilePatch;
  readonly metadata?: EventMetadata;

  constructor(input: {
    accountId: string;
    profileId: string;
    patch: ProfilePatch;
    metadata?: EventMetadata;
  }) {
    super();
    Object.assign(this, input);
  }
}
