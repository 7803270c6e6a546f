import { Command } from '@nestjs/cqrs';
import { EventMetadata } from '@blocx/event-sourcing';

/**
 * Refuses a send to a recipient who opted out of the number (422 `recipient_opted_out`), reading
 * the pair's stream in the event log, so a STOP recorded before this check always blocks. A
 * refusal is itself recorded (SendRefusedOptedOut) before the error is thrown.
 */
export class CheckRecipientConsent extends Command<void> {
  readonly accountId: string;
  readonly profileId: string;
  readonly number: string;
  readonly recipient: string;
  readonly metadata?: EventMetadata;

  constructor(input: {
    accountId: string;
    profileId: string;
    number: string;
    recipient: string;
    metadata?: EventMetadata;
  }) {
    super();
    Object.assign(this, input);
  }
}
