import { Command } from '@nestjs/cqrs';
import { EventMetadata, LogPosition } from '@blocx/event-sourcing';

export interface ConsentCheck {
  /** The recipient opted out of the number: the send must be refused (`recipient_opted_out`). */
  refused: boolean;
  /** Where the refusal was recorded, for read-your-writes. */
  position: LogPosition | undefined;
}

/**
 * Screens a send against the pair's consent, reading its stream in the event log, so a STOP
 * recorded before this check always blocks. A refusal is itself recorded (SendRefusedOptedOut);
 * the caller then answers RecipientOptedOutError.
 */
export class CheckRecipientConsent extends Command<ConsentCheck> {
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
