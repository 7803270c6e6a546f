import { Command } from '@nestjs/cqrs';
import { EventMetadata } from '@blocx/event-sourcing';

/**
 * Hands a queued message to the carrier after the final gate: consent, the profile's allowed
 * countries and the number's campaign as they are now. A message the gate stops ends `failed`
 * with that rule's code and never reaches the carrier. Idempotent: anything but a queued
 * message is left alone.
 */
export class DispatchMessage extends Command<void> {
  readonly messageId: string;
  readonly metadata?: EventMetadata;

  constructor(input: { messageId: string; metadata?: EventMetadata }) {
    super();
    Object.assign(this, input);
  }
}
