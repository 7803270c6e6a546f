import { Command } from '@nestjs/cqrs';
import { EventMetadata, LogPosition } from '@blocx/event-sourcing';
import { OwedKeywordReply } from '@blocx/consent';

/**
 * Queues the reply a keyword owes (the consent log records it) as an ordinary outbound message
 * with the id recorded there: queuing it twice leaves one message. Answers where the message sits
 * in the log, for read-your-writes.
 */
export class QueueKeywordReply extends Command<LogPosition | undefined> {
  readonly reply: OwedKeywordReply;
  readonly metadata: EventMetadata;

  constructor(input: { reply: OwedKeywordReply; metadata: EventMetadata }) {
    super();
    Object.assign(this, input);
  }
}
