import { Webhook } from 'standardwebhooks';
import { signWebhook } from './webhook-signature';
import { generateWebhookSecret } from './webhook-secret';

describe('signWebhook (verified by the standardwebhooks reference library)', () => {
  const body = JSON.stringify({ data: { event_type: 'message.delivered', id: 'e1' } });

  it('produces headers the library verifies', () => {
    const secret = generateWebhookSecret();
    const headers = signWebhook('evt_1', new Date(), body, [secret]);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(headers['webhook-signature']).toBe(
      new Webhook(secret).sign(
        'evt_1',
        new Date(Number(headers['webhook-timestamp']) * 1000),
        body,
      ),
    );
  });

  it('fails under a wrong secret or a changed body', () => {
    const headers = signWebhook('evt_1', new Date(), body, [generateWebhookSecret()]);
    expect(() => new Webhook(generateWebhookSecret()).verify(body, { ...headers })).toThrow();
    const secret = generateWebhookSecret();
    const signed = signWebhook('evt_1', new Date(), body, [secret]);
    expect(() => new Webhook(secret).verify(`${body} `, { ...signed })).toThrow();
  });

  it('signs under both secrets during a rotation, each verifying on its own', () => {
    const [current, previous] = [generateWebhookSecret(), generateWebhookSecret()];
    const headers = signWebhook('evt_2', new Date(), body, [current, previous]);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(current).verify(body, { ...headers })).not.toThrow();
    expect(() => new Webhook(previous).verify(body, { ...headers })).not.toThrow();
  });

  it('puts the Unix time in seconds, which the library checks for freshness', () => {
    const secret = generateWebhookSecret();
    const stale = signWebhook('evt_3', new Date(Date.now() - 3_600_000), body, [secret]);
    expect(stale['webhook-timestamp']).toMatch(/^\d{10}$/);
    expect(() => new Webhook(secret).verify(body, { ...stale })).toThrow(/timestamp/i);
  });
});
