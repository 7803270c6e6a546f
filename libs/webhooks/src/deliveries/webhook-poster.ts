import { Inject, Injectable } from '@nestjs/common';
import axios, { AxiosInstance } from 'axios';
import { lookup } from 'node:dns/promises';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { performance } from 'node:perf_hooks';
import { Clock, SETTINGS, Settings } from '@blocx/platform';
import { AttemptOutcome } from '../domain/delivery-round';
import { signWebhook } from '../domain/webhook-signature';
import { refusedTarget } from '../domain/webhook-target';

async function resolveAll(hostname: string): Promise<string[]> {
  return (await lookup(hostname, { all: true })).map((entry) => entry.address);
}

function describeFailure(error: unknown): string {
  if (axios.isAxiosError(error)) {
    if (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT')
      return `timeout: ${error.message}`;
    return error.code ? `${error.code}: ${error.message}` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** One signed HTTP POST: any 2xx in time is success; redirects are not followed. */
@Injectable()
export class WebhookPoster {
  private readonly http: AxiosInstance;

  constructor(
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly clock: Clock,
  ) {
    this.http = axios.create({
      timeout: settings.webhookTimeoutMs,
      maxRedirects: 0,
      validateStatus: () => true,
      responseType: 'text',
      transformResponse: (data: unknown) => data,
      httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 64 }),
      httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: 64 }),
      headers: { 'content-type': 'application/json', 'user-agent': 'Blocx-Webhooks/1' },
    });
  }

  async post(
    url: string,
    eventId: string,
    body: string,
    secrets: string[],
  ): Promise<AttemptOutcome> {
    const at = this.clock.now();
    const started = performance.now();
    const outcome = (
      statusCode: number | undefined,
      error: string | undefined,
    ): AttemptOutcome => ({
      url,
      statusCode,
      error,
      durationMs: Math.round(performance.now() - started),
      at,
    });
    try {
      if (!this.settings.webhookAllowPrivateNetworks) {
        const refusal = await refusedTarget(url, resolveAll);
        if (refusal) return outcome(undefined, `refused: ${refusal}`);
      }
      const response = await this.http.post(url, body, {
        headers: { ...signWebhook(eventId, at, body, secrets) },
      });
      const ok = response.status >= 200 && response.status < 300;
      return outcome(response.status, ok ? undefined : `HTTP ${response.status}`);
    } catch (error) {
      return outcome(undefined, describeFailure(error));
    }
  }
}
