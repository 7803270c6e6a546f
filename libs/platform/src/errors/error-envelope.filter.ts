import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, InvalidFields, Problem } from './domain-error';

export interface ErrorAnswer {
  status: number;
  problems: Problem[];
}

const FASTIFY_ERRORS: Record<string, ErrorAnswer> = {
  FST_ERR_CTP_BODY_TOO_LARGE: answer(
    413,
    'body_too_large',
    'Payload too large',
    'The request body is larger than 1 MB',
  ),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: answer(
    400,
    'unsupported_content_type',
    'Bad request',
    'Send the body as application/json',
  ),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: answer(
    400,
    'malformed_request',
    'Bad request',
    'Content-Length does not match the body',
  ),
  FST_ERR_CTP_INVALID_TYPE: answer(
    400,
    'unsupported_content_type',
    'Bad request',
    'Send the body as application/json',
  ),
};

const STATUS_CODES: Record<number, [string, string]> = {
  400: ['bad_request', 'Bad request'],
  401: ['unauthorized', 'Unauthorized'],
  403: ['forbidden', 'Forbidden'],
  404: ['not_found', 'Not found'],
  405: ['method_not_allowed', 'Method not allowed'],
  409: ['conflict', 'Conflict'],
  413: ['body_too_large', 'Payload too large'],
  415: ['unsupported_content_type', 'Bad request'],
  422: ['validation_failed', 'Unprocessable request'],
  429: ['rate_limited', 'Too many requests'],
  503: ['not_ready', 'Service unavailable'],
};

function answer(status: number, code: string, title: string, detail: string): ErrorAnswer {
  return { status, problems: [{ code, title, detail }] };
}

function fromHttpException(error: HttpException): ErrorAnswer {
  const status = error.getStatus();
  const [code, title] = STATUS_CODES[status] ?? ['internal_error', 'Internal error'];
  const body = error.getResponse();
  if (status === 404) return answer(404, 'route_not_found', title, error.message);
  if (status === 503 && typeof body === 'object' && body !== null && 'error' in body) {
    const failing = Object.keys((body as { error: object }).error).join(', ');
    return answer(503, code, title, `Not ready: ${failing || 'dependencies'} not answering`);
  }
  const message =
    typeof body === 'object' && body !== null && 'message' in body
      ? (body as { message: unknown }).message
      : error.message;
  return answer(
    status === 415 ? 400 : status,
    code,
    title,
    Array.isArray(message) ? message.join('; ') : String(message),
  );
}

function isFastifyError(error: unknown): error is Error & { code: string; statusCode?: number } {
  const code: unknown =
    error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('FST_');
}

/** The one place where every failure becomes the envelope of api.md. */
export function toErrorAnswer(error: unknown): ErrorAnswer | undefined {
  if (error instanceof DomainError) return { status: error.status, problems: error.toProblems() };
  if (error instanceof InvalidFields) return { status: 422, problems: error.problems };
  if (error instanceof HttpException) return fromHttpException(error);
  if (isFastifyError(error)) {
    const known = FASTIFY_ERRORS[error.code];
    if (known) return known;
    if (error.statusCode && error.statusCode < 500) {
      return answer(
        error.statusCode === 415 ? 400 : error.statusCode,
        'malformed_request',
        'Bad request',
        error.message,
      );
    }
  }
  if (error instanceof SyntaxError && (error as { statusCode?: number }).statusCode === 400) {
    return answer(
      400,
      'malformed_json',
      'Bad request',
      `The body is not valid JSON: ${error.message}`,
    );
  }
  return undefined;
}

export const INTERNAL_ERROR: ErrorAnswer = answer(
  500,
  'internal_error',
  'Internal error',
  'An unexpected error occurred; it has been logged',
);

export function sendErrorAnswer(reply: FastifyReply, { status, problems }: ErrorAnswer): void {
  if (status === 429 && !reply.hasHeader('retry-after')) reply.header('retry-after', '1');
  void reply
    .status(status)
    .header('content-type', 'application/json; charset=utf-8')
    .send({ errors: problems });
}

@Catch()
export class ErrorEnvelopeFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const known = toErrorAnswer(error);
    if (!known) {
      this.logger.error(
        { err: error, requestId: request.id, route: request.url },
        'unexpected error',
      );
    }
    sendErrorAnswer(reply, known ?? INTERNAL_ERROR);
  }
}
