import { createHmac } from 'node:crypto';
import { signingKey } from './webhook-secret';

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/**
 * Standard Webhooks headers for one attempt: `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`
 * under each secret (the current one, and the previous one during a rotation), space-separated.
 */
export function signWebhook(
  id: string,
  sentAt: Date,
  body: string,
  secrets: string[],
): SignedHeaders {
  const timestamp = String(Math.floor(sentAt.getTime() / 1000));
  const content = `${id}.${timestamp}.${body}`;
  const signatures = secrets.map(
    (secret) => `v1,${createHmac('sha256', signingKey(secret)).update(content).digest('base64')}`,
  );
  return {
    'webhook-id': id,
    'webhook-timestamp': timestamp,
    'webhook-signature': signatures.join(' '),
  };
}
