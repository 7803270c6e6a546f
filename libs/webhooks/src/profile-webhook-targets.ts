import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  GetMessagingProfile,
  MessagingProfileNotFound,
  MessagingProfileView,
} from '@blocx/profiles';
import { WebhookTarget, WebhookTargets } from './webhook-targets.port';

/** A profile's webhook settings from the profiles context, as they are at this moment. */
@Injectable()
export class ProfileWebhookTargets extends WebhookTargets {
  constructor(private readonly queries: QueryBus) {
    super();
  }

  async current(accountId: string, profileId: string): Promise<WebhookTarget | undefined> {
    try {
      const profile = await this.queries.execute<GetMessagingProfile, MessagingProfileView>(
        new GetMessagingProfile({ accountId, profileId }),
      );
      return {
        webhookUrl: profile.webhookUrl,
        failoverUrl: profile.webhookFailoverUrl,
        events: profile.webhookEvents,
      };
    } catch (error) {
      if (error instanceof MessagingProfileNotFound) return undefined;
      throw error;
    }
  }
}
