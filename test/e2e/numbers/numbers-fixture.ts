import { ApiClient } from '../../support/api-client';

export type Client = ApiClient & { accountId: string };
export const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
export const UNKNOWN_ID = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';

let next = 100;
/** A fresh valid US long code (202-555-01xx..), different on every call within a process. */
export function freshNumber(): string {
  next += 1;
  return `+1202555${String(next).padStart(4, '0')}`;
}

/** The path form of a number: URL-encoded (%2B…) by default, or the plain + form. */
export function numberPath(phoneNumber: string, form: 'encoded' | 'plain' = 'encoded'): string {
  return `/numbers/${form === 'encoded' ? encodeURIComponent(phoneNumber) : phoneNumber}`;
}

export async function provision(client: ApiClient, phoneNumber = freshNumber()) {
  const created = await client.post('/numbers', { phone_number: phoneNumber });
  if (created.status !== 201) throw new Error(`provision: ${created.status} ${created.text}`);
  return created.body.data as NumberObject;
}

export async function createProfile(client: ApiClient, name = 'Support'): Promise<string> {
  const created = await client.post('/messaging-profiles', { name });
  if (created.status !== 201) throw new Error(`profile: ${created.status} ${created.text}`);
  return created.body.data.id as string;
}

export async function numberCount(client: ApiClient, profileId: string): Promise<number> {
  const profile = await client.get(`/messaging-profiles/${profileId}`);
  if (profile.status !== 200) throw new Error(`profile: ${profile.status} ${profile.text}`);
  return profile.body.data.number_count as number;
}

export interface NumberObject {
  phone_number: string;
  type: 'long_code' | 'toll_free';
  country: string | null;
  messaging_profile_id: string | null;
  campaign_id: string | null;
  created_at: string;
  updated_at: string;
}

export { expectError } from '../../support/expect-error';
