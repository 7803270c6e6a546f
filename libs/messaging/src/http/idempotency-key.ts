import { RuleViolation } from '@blocx/platform';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** 1-255 visible ASCII characters, as the usual APIs take it. */
export function idempotencyKeyOf(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(raw)) {
    throw new RuleViolation(
      'invalid_idempotency_key',
      'Idempotency-Key must be 1 to 255 visible ASCII characters',
    );
  }
  return raw;
}
