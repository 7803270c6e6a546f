/** The 10DLC use cases api.md accepts. */
export const CAMPAIGN_USE_CASES = [
  '2FA',
  'ACCOUNT_NOTIFICATION',
  'CUSTOMER_CARE',
  'DELIVERY_NOTIFICATION',
  'FRAUD_ALERT',
  'HIGHER_EDUCATION',
  'LOW_VOLUME',
  'MARKETING',
  'MIXED',
  'POLLING_VOTING',
  'PUBLIC_SERVICE_ANNOUNCEMENT',
  'SECURITY_ALERT',
] as const;

export type CampaignUseCase = (typeof CAMPAIGN_USE_CASES)[number];

/** Only `active` exists today; the carrier-side vetting that would add others is not built. */
export type CampaignStatus = 'active';

export function isCampaignUseCase(value: string): value is CampaignUseCase {
  return (CAMPAIGN_USE_CASES as readonly string[]).includes(value);
}

export const BRAND_NAME_MAX = 100;
export const DESCRIPTION_MAX = 1000;
