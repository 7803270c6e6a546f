import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRepository, InjectAggregateRepository } from '@blocx/event-sourcing';
import { Clock } from '@blocx/platform';
import { Consent } from '../../domain/consent.aggregate';
import {
  KeywordFact,
  KeywordReply,
  KeywordReplyDue,
  owedKeywordReply,
} from '../../domain/consent.events';
import { consentStream } from '../../domain/consent-pair';
import { classifyInboundText } from '../../domain/keyword-classifier';
import { InboundKeywordOutcome, RecordInboundKeyword } from './record-inbound-keyword.command';

@CommandHandler(RecordInboundKeyword)
export class RecordInboundKeywordHandler implements ICommandHandler<RecordInboundKeyword> {
  constructor(
    @InjectAggregateRepository(Consent) private readonly consents: AggregateRepository<Consent>,
    private readonly clock: Clock,
  ) {}

  async execute(command: RecordInboundKeyword): Promise<InboundKeywordOutcome> {
    const found = classifyInboundText(command.text, command.keywords);
    const outcome = { kind: found.kind, rule: found.rule, keyword: found.keyword };
    if (found.kind === 'none' || found.keyword === undefined) {
      return { ...outcome, reply: undefined, position: undefined };
    }
    const fact: KeywordFact = {
      number: command.number,
      recipient: command.recipient,
      accountId: command.accountId,
      profileId: command.profileId,
      keyword: found.keyword,
      text: command.text,
      rule: found.rule,
      messageId: command.messageId,
    };
    const at = this.clock.now();
    const kind: KeywordReply = found.kind;
    const offered: KeywordReplyDue | undefined = command.replies && {
      messageId: command.replies.messageId,
      text: command.replies.texts[kind],
    };
    const { result: recorded, position } = await this.consents.execute(
      consentStream(command.number, command.recipient),
      (consent) => {
        if (kind === 'opt_out') consent.optOutBy(fact, offered, at);
        else if (kind === 'opt_in') consent.optInBy(fact, offered, at);
        else consent.requestHelp(fact, offered, at);
        return [...consent.getUncommittedEvents()];
      },
      { ...command.metadata, account_id: command.accountId },
    );
    // The reply owed is the one the log now records, as the recovery processor will read it.
    const reply = recorded.map(owedKeywordReply).find((owed) => owed !== undefined);
    return { ...outcome, reply, position };
  }
}
