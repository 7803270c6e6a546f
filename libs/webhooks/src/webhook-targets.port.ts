/** Where a profile's webhooks go and which events it wants, as the profile is at this moment. */
export interface WebhookTarget {
  webhookUrl: string | null;
  failoverUrl: string | null;
  events: string[];
}

/** Read at every try, so a profile edit reaches pending deliveries. */
export abstract class WebhookTargets {
  abstract current(accountId: string, profileId: string): Promise<WebhookTarget | undefined>;
}
