import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AggregateRepository, InjectAggregateRepository } from '@blocx/event-sourcing';
import { Consent } from '../../domain/consent.aggregate';
import { consentStream } from '../../domain/consent-pair';
import { ConsentStanding, GetConsentStanding } from './get-consent-standing.query';

@QueryHandler(GetConsentStanding)
export class GetConsentStandingHandler implements IQueryHandler<GetConsentStanding> {
  constructor(
    @InjectAggregateRepository(Consent) private readonly consents: AggregateRepository<Consent>,
  ) {}

  async execute({ accountId, number, recipient }: GetConsentStanding): Promise<ConsentStanding> {
    const consent = await this.consents.load(consentStream(number, recipient));
    return { optedOut: consent.isOptedOutOf(accountId) };
  }
}
