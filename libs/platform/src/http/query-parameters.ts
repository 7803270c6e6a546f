import { DomainError, MalformedRequest } from '../errors/domain-error';
import { E164 } from '../domain/phone-number';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Query-string filters: a bad one is a 400 `invalid_parameter` naming the parameter. */
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

/** A phone number in the query string: 422 `invalid_phone_number` naming the parameter. */
export function phoneParameter(raw: unknown, name: string, required: true): string;
export function phoneParameter(raw: unknown, name: string, required: false): string | undefined;
export function phoneParameter(raw: unknown, name: string, required: boolean): string | undefined {
  if (raw === undefined && !required) return undefined;
  const number = E164.parse(raw);
  if (number === undefined) {
    throw new DomainError(
      422,
      'invalid_phone_number',
      'Unprocessable request',
      `${name} must be an E.164 phone number`,
      { parameter: name },
    );
  }
  return number.value;
}
