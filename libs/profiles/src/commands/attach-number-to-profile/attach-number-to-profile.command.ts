import { Command } from '@nestjs/cqrs';
import { EventMetadata, LogPosition } from '@blocx/event-sourcing';

export interface NumberStepInput {
  accountId: string;
  profileId: string;
  /** E.164, e.g. `+15551234567`. */
  phoneNumber: string;
  /** The number move this step belongs to (recorded on the event, for tracing). */
  moveId: string;
  /** Correlation and causation of the step (the saga passes `causedBy(envelope)`). */
  metadata?: EventMetadata;
}

/**
 * A step of the number-move saga. Idempotent: a number already attached records nothing and
 * succeeds (undefined position). A deleted, unknown or other account's profile throws
 * ProfileNotAvailable, so the saga can compensate.
 */
export class AttachNumberToProfile extends Command<LogPosition | undefined> {
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
