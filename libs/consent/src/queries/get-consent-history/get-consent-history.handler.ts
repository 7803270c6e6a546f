import { IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { AggregateRepository, InjectAggregateRepository } from '@blocx/event-sourcing';
import { GetPhoneNumber } from '@blocx/numbers';
import { Consent } from '../../domain/consent.aggregate';
import { consentStream } from '../../domain/consent-pair';
import { ConsentHistoryView, GetConsentHistory } from './get-consent-history.query';

@QueryHandler(GetConsentHistory)
export class GetConsentHistoryHandler implements IQueryHandler<GetConsentHistory> {
  constructor(
    @InjectAggregateRepository(Consent) private readonly consents: AggregateRepository<Consent>,
    private readonly queries: QueryBus,
  ) {}

  async execute(query: GetConsentHistory): Promise<ConsentHistoryView> {
    const { accountId, number, recipient, asOf } = query;
    // Tenant isolation: another account's (or no account's) number is a 404.
    await this.queries.execute(new GetPhoneNumber({ accountId, phoneNumber: number }));
    const consent = await this.consents.load(consentStream(number, recipient));
    const { status, entries } = consent.asOf(accountId, asOf);
    return { number, recipient, status, events: entries };
  }
}
