import { randomUUID } from 'node:crypto';
import { CommandBus, CommandHandler, ICommandHandler, QueryBus } from '@nestjs/cqrs';
import {
  AggregateRepository,
  InjectAggregateRepository,
  LogPosition,
  ReadModelWaiter,
} from '@blocx/event-sourcing';
import {
  CheckRecipientConsent,
  consentStream,
  GetConsentStanding,
  RecipientOptedOutError,
} from '@blocx/consent';
import { Clock } from '@blocx/platform';
import { Message, MessageView } from '../../domain/message.aggregate';
import { CheckedSendRequest, checkSendRequest } from '../../domain/sending-rules';
import { IdempotencyKeyReused } from '../../domain/sending.errors';
import { createMessage } from '../../lines/message-writes';
import { SendingLines } from '../../lines/sending-lines';
import { MESSAGING_READ_MODELS } from '../../projections/read-models';
import { Claim, IdempotencyKeys, KeyRecord, requestHash } from './idempotency-keys';

type LostClaim = Extract<Claim, { won: false }>;
import { SendMessage } from './send-message.command';

@CommandHandler(SendMessage)
export class SendMessageHandler implements ICommandHandler<SendMessage> {
  constructor(
    @InjectAggregateRepository(Message) private readonly messages: AggregateRepository<Message>,
    private readonly lines: SendingLines,
    private readonly keys: IdempotencyKeys,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly readModels: ReadModelWaiter,
    private readonly clock: Clock,
  ) {}

  async execute(command: SendMessage): Promise<MessageView> {
    const request = checkSendRequest(command);
    if (command.idempotencyKey !== undefined) {
      return this.sendOnce(command, request, command.idempotencyKey);
    }
    return this.send(command.accountId, request, randomUUID());
  }

  /** Checks and queues, then waits for the read models (read-your-writes). */
  private async send(
    accountId: string,
    request: CheckedSendRequest,
    messageId: string,
  ): Promise<MessageView> {
    const { view, position } =
      (await this.queueOnKnownRules(accountId, request, messageId)) ??
      (await this.queue(accountId, request, await this.admit(accountId, request), messageId));
    await this.readModels.waitFor(position, MESSAGING_READ_MODELS);
    return view;
  }

  /**
   * A send in one statement: decided on the number's and the profile's rules as this process
   * last read them and on the pair having no consent record, and queued only if the append finds
   * those three streams still where the decision saw them (checked in the append's statement,
   * so a STOP recorded before it blocks it as surely as a read would). Undefined when nothing
   * was read here yet, a rule refuses, or a stream moved: the send then reads and decides again.
   */
  private async queueOnKnownRules(
    accountId: string,
    request: CheckedSendRequest,
    messageId: string,
  ): Promise<{ view: MessageView; position: LogPosition | undefined } | undefined> {
    const known = this.lines.known(accountId, request.from, request.to);
    if (known === undefined) return undefined;
    const { draft, metadata } = queued(accountId, request, known.rules.profileId, messageId);
    const message = new Message(Message.stream(messageId));
    message.queue(draft, this.clock.now());
    const noConsentRecord = {
      streamId: consentStream(request.from.value, request.to.value),
      revision: 'no_stream' as const,
    };
    const position = await this.messages.saveIfUnchanged(message, metadata, [
      ...known.unchanged,
      noConsentRecord,
    ]);
    return position === undefined ? undefined : { view: message.toView(), position };
  }

  /** Same key and body: the first response. Another body: 422, but only once all else passed. */
  private async sendOnce(
    command: SendMessage,
    request: CheckedSendRequest,
    key: string,
  ): Promise<MessageView> {
    const { accountId } = command;
    const hash = requestHash(command);
    const earlier = await this.keys.find(accountId, key, this.clock.now());
    if (earlier?.requestHash === hash) return this.replay(command, request, key, earlier);
    const outcome = await this.claimAndQueue(command, request, key, hash, earlier);
    if ('won' in outcome) {
      if (outcome.record.requestHash !== hash) throw new IdempotencyKeyReused();
      return this.replay(command, request, key, outcome.record);
    }
    await this.readModels.waitFor(outcome.position, MESSAGING_READ_MODELS);
    // Completed once visible, so a duplicate answered from the key reads its writes too.
    await this.keys.complete(accountId, key, outcome.view);
    return outcome.view;
  }

  /** Every check, then the key is claimed and the message queued; a lost claim answers the record. */
  private async claimAndQueue(
    { accountId }: SendMessage,
    request: CheckedSendRequest,
    key: string,
    hash: string,
    earlier: KeyRecord | undefined,
  ): Promise<LostClaim | { view: MessageView; position: LogPosition | undefined }> {
    const profileId = await this.admit(accountId, request);
    if (earlier !== undefined) throw new IdempotencyKeyReused();
    const claim = await this.keys.claim(accountId, key, hash, randomUUID(), this.clock.now());
    if (!claim.won) return claim;
    return this.queue(accountId, request, profileId, claim.messageId).catch(async (error) => {
      await this.keys.release(accountId, key, claim.messageId).catch(() => undefined);
      throw error;
    });
  }

  /** Waits for the first request's answer; if it died on the way, finishes its send (same id). */
  private async replay(
    command: SendMessage,
    request: CheckedSendRequest,
    key: string,
    earlier: KeyRecord,
  ): Promise<MessageView> {
    if (earlier.response !== undefined) return earlier.response;
    const answered = await this.keys.awaitResponse(command.accountId, key, this.clock.now());
    if (answered !== undefined) return answered;
    const view = await this.send(command.accountId, request, earlier.messageId);
    await this.keys.complete(command.accountId, key, view);
    return view;
  }

  /** The number, profile and consent rules, in the contract's order; answers the profile. */
  private async admit(accountId: string, request: CheckedSendRequest): Promise<string> {
    const { from, to } = request;
    // Consent is read beside the line rules (they are independent), but reported after them.
    const [profile, standing] = await Promise.all([
      this.lines.check(accountId, from, to),
      this.queries.execute(
        new GetConsentStanding({ accountId, number: from.value, recipient: to.value }),
      ),
    ]);
    if (!standing.optedOut) return profile.profileId;
    const consent = await this.commands.execute(
      new CheckRecipientConsent({
        accountId,
        profileId: profile.profileId,
        number: from.value,
        recipient: to.value,
      }),
    );
    if (consent.refused) {
      // The refusal counts in the report: let the report show it before answering.
      await this.readModels.waitFor(consent.position, MESSAGING_READ_MODELS);
      throw new RecipientOptedOutError(from.value, to.value);
    }
    return profile.profileId;
  }

  private async queue(
    accountId: string,
    request: CheckedSendRequest,
    profileId: string,
    messageId: string,
  ): Promise<{ view: MessageView; position: LogPosition | undefined }> {
    const { draft, metadata } = queued(accountId, request, profileId, messageId);
    const { message, position } = await createMessage(
      this.messages,
      messageId,
      (m) => m.queue(draft, this.clock.now()),
      metadata,
    );
    return { view: message.toView(), position };
  }
}

/** What a send queues, and the metadata of its event. */
function queued(
  accountId: string,
  request: CheckedSendRequest,
  profileId: string,
  messageId: string,
) {
  const draft = {
    messageId,
    accountId,
    profileId,
    from: request.from.value,
    to: request.to.value,
    text: request.text,
    purpose: 'send' as const,
  };
  return { draft, metadata: { account_id: accountId, correlation_id: messageId } };
}
