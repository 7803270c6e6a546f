import { ArgumentMetadata, Injectable, ValidationError, ValidationPipe } from '@nestjs/common';
import { InvalidFields, MalformedRequest, Problem } from '../errors/domain-error';

/** Options a DTO can attach to a constraint: `@IsX({ context: { code: 'text_required' } })`. */
export interface ConstraintContext {
  code?: string;
}

function problemsOf(error: ValidationError, parentPath: string): Problem[] {
  const pointer = `${parentPath}/${error.property}`;
  const own = Object.entries(error.constraints ?? {}).map(([constraint, message]): Problem => {
    const context = error.contexts?.[constraint] as ConstraintContext | undefined;
    const code =
      context?.code ?? (constraint === 'whitelistValidation' ? 'unknown_field' : 'invalid_field');
    return { code, title: 'Invalid field', detail: message, source: { pointer } };
  });
  // Report the first failing constraint of a field: one clear message per field.
  const firstOwn = own.length > 0 ? [own[own.length - 1]] : [];
  return [...firstOwn, ...(error.children ?? []).flatMap((child) => problemsOf(child, pointer))];
}

function isJsonObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * class-validator on every DTO, failing with the envelope: one problem per field, with its
 * `source.pointer`. Bodies must be JSON objects; unknown fields are refused, not silently dropped.
 */
@Injectable()
export class RequestValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new InvalidFields(errors.flatMap((e) => problemsOf(e, ''))),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && metadata.metatype && metadata.metatype !== Object) {
      if (!isJsonObject(value)) {
        throw new MalformedRequest('invalid_body', 'The request body must be a JSON object');
      }
    }
    return super.transform(value, metadata);
  }
}
