import { MalformedRequest, RuleViolation } from '@blocx/platform';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export function uuidParameter(raw: unknown, name: string): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !UUID.test(raw)) {
    throw new MalformedRequest('invalid_parameter', `${name} must be a uuid`, name);
  }
  return raw;
}

export function oneOfParameter<T extends string>(
  raw: unknown,
  name: string,
  allowed: readonly T[],
): T | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !(allowed as readonly string[]).includes(raw)) {
    throw new MalformedRequest(
      'invalid_parameter',
      `${name} must be one of ${allowed.join(', ')}`,
      name,
    );
  }
  return raw as T;
}

/** An ISO 8601 instant with a date and a time. */
export function instantParameter(raw: unknown, name: string): Date | undefined {
  if (raw === undefined) return undefined;
  const at = typeof raw === 'string' && /^\d{4}-\d\d-\d\dT/.test(raw) ? new Date(raw) : undefined;
  if (at === undefined || Number.isNaN(at.getTime())) {
    throw new MalformedRequest('invalid_parameter', `${name} must be an ISO 8601 instant`, name);
  }
  return at;
}

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
