import { Command } from '@nestjs/cqrs';
import { EventMetadata, LogPosition } from '@blocx/event-sourcing';
import { NumberStepInput } from '../attach-number-to-profile/attach-number-to-profile.command';

/**
 * A step of the number-move saga. Idempotent: a number that is not attached (or a profile that
 * is deleted or unknown) records nothing and succeeds (undefined position).
 */
export class DetachNumberFromProfile extends Command<LogPosition | undefined> {
  readonly accountId: string;
  readonly profileId: string;
  readonly phoneNumber: string;
  readonly moveId: string;
  readonly metadata?: EventMetadata;

  constructor(input: NumberStepInput) {
    super();
    Object.assign(this, input);
  }
}
