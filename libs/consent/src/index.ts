/** The consent context's public face: its commands, queries and event types. */
export { ConsentModule, consentMigrations } from './consent.module';
export {
  RecordInboundKeyword,
  InboundKeywordOutcome,
  KeywordReplies,
} from './commands/record-inbound-keyword/record-inbound-keyword.command';
export {
  CheckRecipientConsent,
  ConsentCheck,
} from './commands/check-recipient-consent/check-recipient-consent.command';
export {
  GetConsentStanding,
  ConsentStanding,
} from './queries/get-consent-standing/get-consent-standing.query';
export {
  GetConsentHistory,
  ConsentHistoryView,
} from './queries/get-consent-history/get-consent-history.query';
export { ListOptOuts, OptOutView, OptOutPage } from './queries/list-opt-outs/list-opt-outs.query';
export * from './domain/consent.events';
export { RecipientOptedOutError } from './domain/consent.errors';
export { consentStream } from './domain/consent-pair';
export { ConsentStatus, ConsentEntry } from './domain/consent.aggregate';
export {
  BASELINE_KEYWORDS,
  InboundKind,
  KeywordLists,
  KeywordRule,
} from './domain/keyword-classifier';
export { OPT_OUTS_PROJECTION } from './projections/opt-outs.projection';
