import { ResourceNotFound } from '@blocx/platform';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Campaign ids are uuids; anything else can name no campaign (and must not reach a uuid column). */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export class CampaignNotFound extends ResourceNotFound {
  constructor(campaignId: string) {
    super('campaign', campaignId);
  }
}
