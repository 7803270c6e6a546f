import { DynamicModule } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { LoggerModule } from 'nestjs-pino';
import { Settings } from '../config/settings';

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** A caller's X-Request-Id when it is sane, a fresh uuid otherwise; kept on the request for the logs. */
export function requestId(request: IncomingMessage): string {
  const known = (request as { id?: unknown }).id;
  if (typeof known === 'string') return known;
  const given = request.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  Object.assign(request, { id });
  return id;
}

/** pino JSON logs; every line written while serving a request carries its `req.id`. */
export function loggingModule(settings: Settings): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
      level: settings.logLevel,
      genReqId: (request) => requestId(request),
      autoLogging: { ignore: (request) => request.url === '/health' || request.url === '/metrics' },
      redact: ['req.headers.authorization'],
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
        }),
      },
    },
  });
}
