import { Module } from '@nestjs/common';
import { EventSourcingModule } from '@blocx/event-sourcing';
import { CheckRecipientConsentHandler } from './commands/check-recipient-consent/check-recipient-consent.handler';
import { RecordInboundKeywordHandler } from './commands/record-inbound-keyword/record-inbound-keyword.handler';
import { Consent } from './domain/consent.aggregate';
import { consentEvents } from './domain/consent.events';
import { SendRefusal } from './domain/send-refusal.aggregate';
import { ConsentController } from './http/consent.controller';
import { CreateOptOuts1733700000000 } from './projections/migrations/1733700000000-create-opt-outs';
import { KeyOptOutsByAccount1733730000000 } from './projections/migrations/1733730000000-key-opt-outs-by-account';
import { OptOutsProjection } from './projections/opt-outs.projection';
import { GetConsentHistoryHandler } from './queries/get-consent-history/get-consent-history.handler';
import { GetConsentStandingHandler } from './queries/get-consent-standing/get-consent-standing.handler';
import { ListOptOutsHandler } from './queries/list-opt-outs/list-opt-outs.handler';

export const consentMigrations = [CreateOptOuts1733700000000, KeyOptOutsByAccount1733730000000];

/** Opt-out, opt-in and help per (number, recipient): keyword handling, the send check, history. */
@Module({
  imports: [
    EventSourcingModule.forFeature({
      events: consentEvents,
      aggregates: [Consent, SendRefusal],
      projections: [OptOutsProjection],
    }),
  ],
  controllers: [ConsentController],
  providers: [
    RecordInboundKeywordHandler,
    CheckRecipientConsentHandler,
    GetConsentStandingHandler,
    GetConsentHistoryHandler,
    ListOptOutsHandler,
  ],
})
export class ConsentModule {}
