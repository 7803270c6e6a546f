import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRepository, InjectAggregateRepository } from '@blocx/event-sourcing';
import { Clock } from '@blocx/platform';
import { Consent } from '../../domain/consent.aggregate';
import { consentStream } from '../../domain/consent-pair';
import { SendRefusal } from '../../domain/send-refusal.aggregate';
import { CheckRecipientConsent, ConsentCheck } from './check-recipient-consent.command';

@CommandHandler(CheckRecipientConsent)
export class CheckRecipientConsentHandler implements ICommandHandler<CheckRecipientConsent> {
  constructor(
    @InjectAggregateRepository(Consent) private readonly consents: AggregateRepository<Consent>,
    @InjectAggregateRepository(SendRefusal)
    private readonly refusals: AggregateRepository<SendRefusal>,
    private readonly clock: Clock,
  ) {}

  async execute(command: CheckRecipientConsent): Promise<ConsentCheck> {
    const { accountId, profileId, number, recipient } = command;
    const consent = await this.consents.load(consentStream(number, recipient));
    if (!consent.isOptedOutOf(accountId)) return { refused: false, position: undefined };
    const refusalId = randomUUID();
    const { position } = await this.refusals.execute(
      SendRefusal.stream(refusalId),
      (refusal) =>
        refusal.record({ refusalId, number, recipient, accountId, profileId }, this.clock.now()),
      { ...command.metadata, account_id: accountId },
    );
    return { refused: true, position };
  }
}
