import { Module } from '@nestjs/common';
import { EventSourcingModule } from '@blocx/event-sourcing';
import { AssignNumbersToProfileHandler } from './commands/assign-numbers-to-profile/assign-numbers-to-profile.handler';
import { ProvisionNumberHandler } from './commands/provision-number/provision-number.handler';
import { RegisterCampaignHandler } from './commands/register-campaign/register-campaign.handler';
import { ReleaseNumberHandler } from './commands/release-number/release-number.handler';
import { UpdateNumberHandler } from './commands/update-number/update-number.handler';
import { Campaign } from './domain/campaign.aggregate';
import { campaignEvents } from './domain/campaign.events';
import { PhoneNumber } from './domain/phone-number.aggregate';
import { phoneNumberEvents } from './domain/phone-number.events';
import { CampaignsController } from './http/campaigns.controller';
import { NumbersController } from './http/numbers.controller';
import { ProfileNumbersController } from './http/profile-numbers.controller';
import { CampaignsProjection } from './projections/campaigns.projection';
import { CreateNumbersReadModels1733650000000 } from './projections/migrations/1733650000000-create-numbers-read-models';
import { PhoneNumbersProjection } from './projections/phone-numbers.projection';
import { GetCampaignHandler } from './queries/get-campaign/get-campaign.handler';
import { GetPhoneNumberHandler } from './queries/get-phone-number/get-phone-number.handler';
import { ListCampaignsHandler } from './queries/list-campaigns/list-campaigns.handler';
import { ListPhoneNumbersHandler } from './queries/list-phone-numbers/list-phone-numbers.handler';
import { MoveSettlements } from './sagas/move-settlements';
import { NumberMoveSaga } from './sagas/number-move.saga';

export const numbersMigrations = [CreateNumbersReadModels1733650000000];

/** Numbers, 10DLC campaigns and the number-move saga; moves go through the profiles' commands. */
@Module({
  imports: [
    EventSourcingModule.forFeature({
      events: [...phoneNumberEvents, ...campaignEvents],
      aggregates: [PhoneNumber, Campaign],
      projections: [PhoneNumbersProjection, CampaignsProjection],
      processors: [NumberMoveSaga],
    }),
  ],
  controllers: [NumbersController, CampaignsController, ProfileNumbersController],
  providers: [
    MoveSettlements,
    ProvisionNumberHandler,
    UpdateNumberHandler,
    AssignNumbersToProfileHandler,
    ReleaseNumberHandler,
    RegisterCampaignHandler,
    GetPhoneNumberHandler,
    ListPhoneNumbersHandler,
    GetCampaignHandler,
    ListCampaignsHandler,
  ],
})
export class NumbersModule {}
