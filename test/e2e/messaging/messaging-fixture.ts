import { setTimeout as sleep } from 'node:timers/promises';
import { ApiClient, ApiResponse } from '../../support/api-client';

export type Client = ApiClient & { accountId: string };

export const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

let serial = 0;

/** A fresh US long-code number (202 area code), unique within the test file. */
export function usNumber(): string {
  serial += 1;
  return `+1202555${String(1000 + serial).padStart(4, '0')}`;
}

/** A fresh US toll-free number. */
export function tollFreeNumber(): string {
  serial += 1;
  return `+1888555${String(1000 + serial).padStart(4, '0')}`;
}

/** A Canadian destination, outside a new profile's allowed countries (US only). */
export const CA = '+14165550123';

export interface Line {
  number: string;
  profileId: string;
  campaignId: string | undefined;
}

export interface LineOptions {
  campaign?: boolean;
  tollFree?: boolean;
  profile?: Record<string, unknown>;
}

/** A profile with a number on it (and a 10DLC campaign on the number unless told otherwise). */
export async function openLine(client: Client, options: LineOptions = {}): Promise<Line> {
  const profile = await expectOk(
    client.post('/messaging-profiles', { name: 'Line', ...options.profile }),
    201,
  );
  const number = options.tollFree ? tollFreeNumber() : usNumber();
  await expectOk(client.post('/numbers', { phone_number: number }), 201);
  let campaignId: string | undefined;
  if (options.campaign ?? true) {
    const campaign = await expectOk(
      client.post('/campaigns', { brand_name: 'Acme', use_case: 'MIXED', description: 'Tests' }),
      201,
    );
    campaignId = campaign.id as string;
  }
  await expectOk(
    client.patch(`/numbers/${encodeURIComponent(number)}`, {
      messaging_profile_id: profile.id,
      ...(campaignId ? { campaign_id: campaignId } : {}),
    }),
    200,
  );
  return { number, profileId: profile.id as string, campaignId };
}

export async function expectOk(
  pending: Promise<ApiResponse>,
  status: number,
): Promise<Record<string, unknown>> {
  const response = await pending;
  if (response.status !== status) {
    throw new Error(`expected ${status}, got ${response.status}: ${response.text}`);
  }
  return response.body.data;
}

export { expectError } from '../../support/expect-error';

/** Polls a message until it reaches one of the statuses (or fails the test after the timeout). */
export async function awaitStatus(
  client: ApiClient,
  messageId: string,
  statuses: string[],
  timeoutMs = 5000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const read = await client.get(`/messages/${messageId}`);
    if (statuses.includes(read.body?.data?.status)) return read.body.data;
    if (Date.now() > deadline) {
      throw new Error(`message ${messageId} stayed ${read.body?.data?.status}: ${read.text}`);
    }
    await sleep(25);
  }
}

/**
 * The profile's report once `ready` says so. Carrier-driven changes (sent, delivered) reach the
 * report's projection on its own schedule, a moment apart from the messages read model's.
 */
export async function awaitReport(
  client: ApiClient,
  profileId: string,
  ready: (report: { outbound: Record<string, number> }) => boolean,
  timeoutMs = 5000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const read = await client.get(`/messaging-profiles/${profileId}/report`);
    if (read.status === 200 && ready(read.body.data)) return read.body.data;
    if (Date.now() > deadline) return read.body.data;
    await sleep(25);
  }
}

/** A handset texting a platform number, as the carrier reports it. */
export function inbound(operator: ApiClient, from: string, to: string, text: string) {
  return operator.post('/carrier/inbound', { from, to, text });
}
