import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRepository, InjectAggregateRepository } from '@blocx/event-sourcing';
import { Clock } from '@blocx/platform';
import { Consent } from '../../domain/consent.aggregate';
import { KeywordFact } from '../../domain/consent.events';
import { consentStream } from '../../domain/consent-pair';
import { classifyInboundText } from '../../domain/keyword-classifier';
import {
  InboundKeywordOutcome,
  KeywordReply,
  RecordInboundKeyword,
} from './record-inbound-keyword.command';

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
    const { result: reply, position } = await this.consents.execute(
      consentStream(command.number, command.recipient),
      (consent): KeywordReply | undefined => {
        if (found.kind === 'opt_out') {
          return consent.optOutBy(fact, command.replyMessageId, at) ? 'opt_out' : undefined;
        }
        if (found.kind === 'opt_in') {
          consent.optInBy(fact, at);
          return 'opt_in';
        }
        consent.requestHelp(fact, at);
        // The opt-out confirmation is the only message an opted-out recipient may get.
        return consent.isOptedOut ? undefined : 'help';
      },
      { ...command.metadata, account_id: command.accountId },
    );
    return { ...outcome, reply, position };
  }
}
