import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { E164 } from '@blocx/platform';
import { ApiClient } from '../support/api-client';

/** What every benchmark shares: the server, a database of its own, percentiles, a sending line. */
export const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Runs `run` against a fresh database on SERVER, dropped afterwards. */
export async function withDatabase<T>(run: (url: string) => Promise<T>): Promise<T> {
  const name = `blocx_bench_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: SERVER });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  try {
    return await run(url.toString());
  } finally {
    await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    await admin.end();
  }
}

/** `count` valid, distinct US destinations. */
export function recipients(count: number): string[] {
  const found: string[] = [];
  const areas = ['202', '212', '312', '415', '617', '646', '718', '213', '305', '404'];
  for (let i = 0; found.length < count; i++) {
    const area = areas[i % areas.length];
    const candidate = `+1${area}${200 + (Math.floor(i / 10) % 700)}${String(i % 10000).padStart(4, '0')}`;
    if (E164.parse(candidate) !== undefined) found.push(candidate);
  }
  return found;
}

/** An account with a profile and a US long code on a 10DLC campaign, ready to send. */
export async function openLine(app: NestFastifyApplication, operatorKey: string) {
  const address = app.getHttpServer().address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const operator = new ApiClient(baseUrl, operatorKey);
  const account = (await operator.post('/accounts', { name: 'Bench' })).body.data;
  const client = new ApiClient(baseUrl, account.api_key);
  const profile = (await client.post('/messaging-profiles', { name: 'Bench' })).body.data;
  const campaign = (
    await client.post('/campaigns', { brand_name: 'Bench', use_case: 'MIXED', description: 'Load' })
  ).body.data;
  const from = '+12025550100';
  await client.post('/numbers', { phone_number: from });
  const assigned = await client.patch(`/numbers/${encodeURIComponent(from)}`, {
    messaging_profile_id: profile.id,
    campaign_id: campaign.id,
  });
  if (assigned.status !== 200) throw new Error(`setup failed: ${assigned.text}`);
  return { accountId: account.id as string, from };
}
