import { Command } from '@nestjs/cqrs';
import { EventMetadata, LogPosition } from '@blocx/event-sourcing';
import { KeywordReply, OwedKeywordReply } from '../../domain/consent.events';
import { InboundKind, KeywordLists, KeywordRule } from '../../domain/keyword-classifier';

/** The profile's replies, one of which may be owed: the id it will have, and each text. */
export interface KeywordReplies {
  messageId: string;
  texts: Record<KeywordReply, string>;
}

export interface InboundKeywordOutcome {
  kind: InboundKind;
  rule: KeywordRule;
  keyword: string | undefined;
  /**
   * The reply owed, recorded in the log with the keyword; undefined when nothing is to be sent
   * back (no keyword, no profile, a repeated STOP, help while opted out).
   */
  reply: OwedKeywordReply | undefined;
  position: LogPosition | undefined;
}

/**
 * Classifies an inbound text against the profile's keywords and the US baseline, and records an
 * opt-out, opt-in or help request for the pair (number, recipient), with the reply it owes. The
 * caller queues that reply at once; the log's record of it lets a crash in between be repaired.
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
  /** The replies on offer; undefined when there is none to send (no profile). */
  readonly replies: KeywordReplies | undefined;
  readonly metadata?: EventMetadata;

  constructor(input: {
    accountId: string;
    profileId: string | null;
    number: string;
    recipient: string;
    text: string;
    messageId: string;
    keywords: KeywordLists;
    replies: KeywordReplies | undefined;
    metadata?: EventMetadata;
  }) {
    super();
    Object.assign(this, input);
  }
}
