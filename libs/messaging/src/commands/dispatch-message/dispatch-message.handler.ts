import { CommandHandler, ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { AggregateRepository, InjectAggregateRepository } from '@blocx/event-sourcing';
import { GetConsentStanding, RecipientOptedOutError } from '@blocx/consent';
import { Clock, E164, RuleViolation } from '@blocx/platform';
import { Carrier } from '../../carrier/carrier.port';
import { Message, MessageView } from '../../domain/message.aggregate';
import { MessagePurpose } from '../../domain/message.events';
import { FromNumberNotFound, InvalidPhoneNumber } from '../../domain/sending.errors';
import { changeMessage } from '../../lines/message-writes';
import { SendingLines } from '../../lines/sending-lines';
import { DispatchMessage } from './dispatch-message.command';

@CommandHandler(DispatchMessage)
export class DispatchMessageHandler implements ICommandHandler<DispatchMessage> {
  constructor(
    @InjectAggregateRepository(Message) private readonly messages: AggregateRepository<Message>,
    private readonly lines: SendingLines,
    private readonly queries: QueryBus,
    private readonly carrier: Carrier,
    private readonly clock: Clock,
  ) {}

  async execute({ messageId, metadata = {} }: DispatchMessage): Promise<void> {
    const message = await this.messages.load(Message.stream(messageId));
    if (message.status !== 'queued') return;
    const view = message.toView();
    const stopped = await this.finalGate(view, message.purpose);
    if (stopped !== undefined) {
      const error = { code: stopped.code, title: stopped.title, detail: stopped.detail };
      await changeMessage(
        this.messages,
        message,
        (m) => m.fail([error], this.clock.now()),
        metadata,
      );
      return;
    }
    const { carrierMessageId } = await this.carrier.submit({
      messageId,
      from: view.from,
      to: view.to,
      text: view.text,
    });
    const at = this.clock.now();
    await changeMessage(
      this.messages,
      message,
      (m) => m.markSent(this.carrier.name, carrierMessageId, at),
      metadata,
    );
  }

  /** The send's rules again, as they are now; the opt-out confirmation alone passes an opt-out. */
  private async finalGate(
    view: MessageView,
    purpose: MessagePurpose,
  ): Promise<RuleViolation | undefined> {
    const from = E164.parse(view.from);
    const to = E164.parse(view.to);
    if (from === undefined) return new FromNumberNotFound(view.from);
    if (to === undefined) return new InvalidPhoneNumber('/to');
    if (view.messagingProfileId === null) return new FromNumberNotFound(view.from);
    // Consent is read beside the line (one statement for the batch), but reported after it.
    const [line, consent] = await Promise.all([
      this.lines.recheck(view.accountId, view.messagingProfileId, from, to),
      purpose === 'opt_out_reply'
        ? undefined
        : this.queries.execute(
            new GetConsentStanding({
              accountId: view.accountId,
              number: view.from,
              recipient: view.to,
            }),
          ),
    ]);
    if (line !== undefined) return line;
    return consent?.optedOut ? new RecipientOptedOutError(view.from, view.to) : undefined;
  }
}
