import { Module } from '@nestjs/common';
import { EventSourcingModule } from '@blocx/event-sourcing';
import { AttachNumberToProfileHandler } from './commands/attach-number-to-profile/attach-number-to-profile.handler';
import { CreateMessagingProfileHandler } from './commands/create-messaging-profile/create-messaging-profile.handler';
import { DeleteMessagingProfileHandler } from './commands/delete-messaging-profile/delete-messaging-profile.handler';
import { DetachNumberFromProfileHandler } from './commands/detach-number-from-profile/detach-number-from-profile.handler';
import { UpdateMessagingProfileHandler } from './commands/update-messaging-profile/update-messaging-profile.handler';
import { MessagingProfile } from './domain/messaging-profile.aggregate';
import { MessagingProfilesController } from './http/messaging-profiles.controller';
import { WebhookUrlPolicy } from './http/webhook-url.policy';
import { MessagingProfilesProjection } from './projections/messaging-profiles.projection';
import { messagingProfileEvents } from './domain/messaging-profile.events';
import { CreateMessagingProfiles1733600000000 } from './projections/migrations/1733600000000-create-messaging-profiles';
import { GetMessagingProfileHandler } from './queries/get-messaging-profile/get-messaging-profile.handler';
import { ListMessagingProfilesHandler } from './queries/list-messaging-profiles/list-messaging-profiles.handler';

export const profilesMigrations = [CreateMessagingProfiles1733600000000];

/** Messaging profiles: the aggregate, its commands, the read model and the HTTP API. */
@Module({
  imports: [
    EventSourcingModule.forFeature({
      events: messagingProfileEvents,
      aggregates: [MessagingProfile],
      projections: [MessagingProfilesProjection],
    }),
  ],
  controllers: [MessagingProfilesController],
  providers: [
    CreateMessagingProfileHandler,
    UpdateMessagingProfileHandler,
    DeleteMessagingProfileHandler,
    AttachNumberToProfileHandler,
    DetachNumberFromProfileHandler,
    GetMessagingProfileHandler,
    ListMessagingProfilesHandler,
    WebhookUrlPolicy,
  ],
})
export class ProfilesModule {}
