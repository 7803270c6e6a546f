/** The numbers context's public face: its commands, queries and event types. */
export { NumbersModule, numbersMigrations } from './numbers.module';
export { ProvisionNumber } from './commands/provision-number/provision-number.command';
export { UpdateNumber } from './commands/update-number/update-number.command';
export {
  AssignNumbersToProfile,
  NumberAssignment,
} from './commands/assign-numbers-to-profile/assign-numbers-to-profile.command';
export { ReleaseNumber } from './commands/release-number/release-number.command';
export { RegisterCampaign } from './commands/register-campaign/register-campaign.command';
export { GetPhoneNumber } from './queries/get-phone-number/get-phone-number.query';
export { ListPhoneNumbers } from './queries/list-phone-numbers/list-phone-numbers.query';
export { GetCampaign } from './queries/get-campaign/get-campaign.query';
export { ListCampaigns } from './queries/list-campaigns/list-campaigns.query';
export { CampaignView, PhoneNumberView, ViewPage } from './queries/views';
export * from './domain/phone-number.events';
export * from './domain/campaign.events';
export { CAMPAIGN_USE_CASES, CampaignUseCase, CampaignStatus } from './domain/campaign-use-case';
export {
  CampaignNotAvailable,
  InvalidPhoneNumber,
  NumberAlreadyExists,
  NumberNotFound,
} from './domain/phone-number.errors';
export { CampaignNotFound } from './domain/campaign.errors';
export { PHONE_NUMBERS_PROJECTION } from './projections/phone-numbers.projection';
export { CAMPAIGNS_PROJECTION } from './projections/campaigns.projection';
export { NUMBER_MOVE_SAGA } from './sagas/number-move.saga';
