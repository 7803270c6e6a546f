import { randomUUID } from 'node:crypto';
import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  AggregateRepository,
  compareLogPositions,
  deterministicId,
  InjectAggregateRepository,
  LogPosition,
  ReadModelWaiter,
} from '@blocx/event-sourcing';
import {
  KeywordLists,
  KeywordReply,
  OPT_OUTS_PROJECTION,
  RecordInboundKeyword,
} from '@blocx/consent';
import { NumberNotFound } from '@blocx/numbers';
import { MessagingProfileView } from '@blocx/profiles';
import { Clock, E164 } from '@blocx/platform';
import { Message, MessageView } from '../../domain/message.aggregate';
import { MessagePurpose } from '../../domain/message.events';
import { NumberLine } from '../../domain/number-line';
import { InvalidPhoneNumber, TextRequired } from '../../domain/sending.errors';
import { createMessage } from '../../lines/message-writes';
import { NumberLines } from '../../lines/number-lines';
import { SendingLines } from '../../lines/sending-lines';
import { MESSAGING_READ_MODELS } from '../../projections/read-models';
import { ReceiveInboundMessage } from './receive-inbound-message.command';

const NO_KEYWORDS: KeywordLists = { optOut: [], optIn: [], help: [] };
const REPLY_PURPOSE: Record<KeywordReply, MessagePurpose> = {
  opt_out: 'opt_out_reply',
  opt_in: 'opt_in_reply',
  help: 'help_reply',
};

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
    private readonly lines: SendingLines,
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
        : await this.lines.profile(number.accountId, number.profileId);
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

  /** Records the keyword on the pair's consent and queues the profile's reply; the last position. */
  private async handleKeyword(
    inbound: Inbound,
    messageId: string,
  ): Promise<LogPosition | undefined> {
    const { handset, number, profile } = inbound;
    const replyId = deterministicId(messageId, 'keyword-reply');
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
        replyMessageId: profile ? replyId : undefined,
        metadata: { correlation_id: messageId, causation_id: messageId },
      }),
    );
    if (outcome.reply === undefined || profile === undefined) return outcome.position;
    const reply = await this.queueReply(inbound, profile, outcome.reply, replyId, messageId);
    return latest(outcome.position, reply);
  }

  private async queueReply(
    { handset, number }: Inbound,
    profile: MessagingProfileView,
    reply: KeywordReply,
    replyId: string,
    causeId: string,
  ): Promise<LogPosition | undefined> {
    const text = { opt_out: profile.optOut, opt_in: profile.optIn, help: profile.help }[reply]
      .message;
    const draft = {
      messageId: replyId,
      accountId: number.accountId,
      profileId: profile.id,
      from: number.phoneNumber,
      to: handset.value,
      text,
      purpose: REPLY_PURPOSE[reply],
    };
    const { position } = await createMessage(
      this.messages,
      replyId,
      (message) => message.queue(draft, this.clock.now()),
      { account_id: number.accountId, correlation_id: causeId, causation_id: causeId },
    );
    return position;
  }
}

function latest(...positions: Array<LogPosition | undefined>): LogPosition | undefined {
  return positions.reduce<LogPosition | undefined>(
    (max, p) => (p === undefined || (max && compareLogPositions(max, p) >= 0) ? max : p),
    undefined,
  );
}
