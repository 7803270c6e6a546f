import { Command } from '@nestjs/cqrs';
import { EventMetadata, LogPosition } from '@blocx/event-sourcing';

/** Deletes a profile that holds no number (409 `profile_has_numbers` otherwise). */
export class DeleteMessagingProfile extends Command<LogPosition | undefined> {
  readonly accountId: string;
  readonly profileId: string;
  readonly metadata?: EventMetadata;

  constructor(input: { accountId: string; profileId: string; metadata?: EventMetadata }) {
    super();
    Object.assign(this, input);
  }
}
