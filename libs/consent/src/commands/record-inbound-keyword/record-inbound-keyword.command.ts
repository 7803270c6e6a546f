import { Command } from '@nestjs/cqrs';
import { EventMetadata, LogPosition } from '@blocx/event-sourcing';
import { InboundKind, KeywordLists, KeywordRule } from '../../domain/keyword-classifier';

/** Which of the profile's replies to send back, if any. */
export type KeywordReply = 'opt_out' | 'opt_in' | 'help';

export interface InboundKeywordOutcome {
  kind: InboundKind;
  rule: KeywordRule;
  keyword: string | undefined;
  /** Undefined when nothing is to be sent back (no keyword, a repeated STOP, help while opted out). */
  reply: KeywordReply | undefined;
  position: LogPosition | undefined;
}

/**
 * Classifies an inbound text against the profile's keywords and the US baseline, and records an
 * opt-out, opt-in or help request for the pair (number, recipient). An opt-out confirmation is
 * promised as message `replyMessageId`: the caller queues it when the outcome says `opt_out`.
 */
export class RecordInboundKeyword extends Command<InboundKeywordOutcome> {
  readonly accountId: string;
  readonly profileId: string | null;
  /** The platform's number that received the text (E.164). */
  readonly number: string;
  /** The handset that sent it (E.164). */
  readonly recipient: string;
  readonly text: string;
  /** The inbound message. */
  readonly messageId: string;
  readonly keywords: KeywordLists;
  /** The id the reply will have; undefined when there is no reply to send. */
  readonly replyMessageId: string | undefined;
  readonly metadata?: EventMetadata;

  constructor(input: {
    accountId: string;
    profileId: string | null;
    number: string;
    recipient: string;
    text: string;
    messageId: string;
    keywords: KeywordLists;
    replyMessageId: string | undefined;
    metadata?: EventMetadata;
  }) {
    super();
    Object.assign(this, input);
  }
}
