import { randomUUID } from 'node:crypto';
import { CommandBus, CommandHandler, ICommandHandler, QueryBus } from '@nestjs/cqrs';
import {
  AggregateRepository,
  compareLogPositions,
  deterministicId,
  InjectAggregateRepository,
  LogPosition,
  ReadModelWaiter,
} from '@blocx/event-sourcing';
import { KeywordLists, OPT_OUTS_PROJECTION, RecordInboundKeyword } from '@blocx/consent';
import { NumberNotFound } from '@blocx/numbers';
import { MessagingProfileView } from '@blocx/profiles';
import { Clock, E164 } from '@blocx/platform';
import { Message, MessageView } from '../../domain/message.aggregate';
import { NumberLine } from '../../domain/number-line';
import { InvalidPhoneNumber, TextRequired } from '../../domain/sending.errors';
import { createMessage } from '../../lines/message-writes';
import { NumberLines } from '../../lines/number-lines';
import { profileSettings } from '../../lines/sending-profiles';
import { MESSAGING_READ_MODELS } from '../../projections/read-models';
import { QueueKeywordReply } from '../queue-keyword-reply/queue-keyword-reply.command';
import { ReceiveInboundMessage } from './receive-inbound-message.command';

const NO_KEYWORDS: KeywordLists = { optOut: [], optIn: [], help: [] };

interface Inbound {
  handset: E164;
  number: NumberLine;
  profile: MessagingProfileView | undefined;
  text: string;
}

@CommandHandler(ReceiveInboundMessage)
export class ReceiveInboundMessageHandler implements ICommandHandler<ReceiveInboundMessage> {
  constructor(
    @InjectAggregateRepository(Message) private readonly messages: AggregateRepository<Message>,
    private readonly numbers: NumberLines,
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
    private readonly readModels: ReadModelWaiter,
    private readonly clock: Clock,
  ) {}

  async execute(command: ReceiveInboundMessage): Promise<MessageView> {
    const inbound = await this.resolve(command);
    const messageId = randomUUID();
    const { message, position } = await createMessage(
      this.messages,
      messageId,
      (m) => m.receive(this.draftOf(inbound, messageId), this.clock.now()),
      { account_id: inbound.number.accountId, correlation_id: messageId },
    );
    const handled = await this.handleKeyword(inbound, messageId);
    await this.readModels.waitFor(latest(position, handled), [
      ...MESSAGING_READ_MODELS,
      OPT_OUTS_PROJECTION,
    ]);
    return message.toView();
  }

  private async resolve(command: ReceiveInboundMessage): Promise<Inbound> {
    const handset = E164.parse(command.from);
    if (handset === undefined) throw new InvalidPhoneNumber('/from');
    const to = E164.parse(command.to);
    if (to === undefined) throw new InvalidPhoneNumber('/to');
    if (typeof command.text !== 'string') throw new TextRequired();
    const number = await this.numbers.current(to);
    if (number === undefined) throw new NumberNotFound(to.value);
    const profile =
      number.profileId === null
        ? undefined
        : await profileSettings(this.queries, number.accountId, number.profileId);
    return { handset, number, profile, text: command.text };
  }

  private draftOf({ handset, number, profile, text }: Inbound, messageId: string) {
    const { accountId, phoneNumber } = number;
    return {
      messageId,
      accountId,
      profileId: profile?.id ?? null,
      from: handset.value,
      to: phoneNumber,
      text,
    };
  }

  /** Records the keyword on the pair's consent and queues the reply it owes; the last position. */
  private async handleKeyword(
    inbound: Inbound,
    messageId: string,
  ): Promise<LogPosition | undefined> {
    const { handset, number, profile } = inbound;
    const metadata = { correlation_id: messageId, causation_id: messageId };
    const outcome = await this.commands.execute(
      new RecordInboundKeyword({
        accountId: number.accountId,
        profileId: profile?.id ?? null,
        number: number.phoneNumber,
        recipient: handset.value,
        text: inbound.text,
        messageId,
        keywords: profile
          ? {
              optOut: profile.optOut.keywords,
              optIn: profile.optIn.keywords,
              help: profile.help.keywords,
            }
          : NO_KEYWORDS,
        replies: profile && {
          messageId: deterministicId(messageId, 'keyword-reply'),
          texts: {
            opt_out: profile.optOut.message,
            opt_in: profile.optIn.message,
            help: profile.help.message,
          },
        },
        metadata,
      }),
    );
    if (outcome.reply === undefined) return outcome.position;
    const reply = await this.commands.execute(
      new QueueKeywordReply({ reply: outcome.reply, metadata }),
    );
    return latest(outcome.position, reply);
  }
}

function latest(...positions: Array<LogPosition | undefined>): LogPosition | undefined {
  return positions.reduce<LogPosition | undefined>(
    (max, p) => (p === undefined || (max && compareLogPositions(max, p) >= 0) ? max : p),
    undefined,
  );
}
