import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyInstance } from 'fastify';
import { Logger } from 'nestjs-pino';
import { Metrics, MalformedRequest, requestId, Settings } from '@blocx/platform';
import { AppModule } from './app.module';
import { findPortal, servePortal } from './portal';

export const BODY_LIMIT_BYTES = 1024 * 1024;

/** JSON bodies only; an empty body is no body; `__proto__` and `constructor.prototype` keys are refused. */
function acceptJsonOnly(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: BODY_LIMIT_BYTES },
    (_req, body, done) => {
      const text = String(body);
      if (text.trim() === '') return done(null, undefined);
      try {
        done(
          null,
          JSON.parse(text, (key, value: unknown) => {
            if (key === '__proto__' || key === 'constructor') {
              throw new MalformedRequest(
                'forbidden_key',
                `The key "${key}" is not allowed in a request body`,
              );
            }
            return value;
          }),
        );
      } catch (error) {
        if (error instanceof MalformedRequest) return done(error, undefined);
        done(
          new MalformedRequest(
            'malformed_json',
            `The body is not valid JSON: ${(error as Error).message}`,
          ),
          undefined,
        );
      }
    },
  );
}

/** While closing, answers close their keep-alive connections, so in-flight work ends and nothing lingers. */
function closeConnectionsWhenDraining(fastify: FastifyInstance): void {
  let draining = false;
  fastify.addHook('preClose', (done) => {
    draining = true;
    done();
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (draining) void reply.header('connection', 'close');
    done(null, payload);
  });
}

function documentApi(app: NestFastifyApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Blocx messaging API')
    .setDescription(
      'Messaging profiles, numbers, sending, consent and webhooks. Every error is ' +
        '`{"errors": [{"code", "title", "detail", "source": {"pointer"}}]}`.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
  });
}

/** Builds the whole service, ready to listen; used by main.ts and by the end-to-end tests. */
export async function createHttpServer(settings: Settings): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    return503OnClosing: true,
    genReqId: requestId,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(settings),
    adapter,
    {
      bufferLogs: true,
      bodyParser: false,
    },
  );
  const log = app.get(Logger);
  app.useLogger(log);
  const fastify = app.getHttpAdapter().getInstance();
  acceptJsonOnly(fastify);
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  closeConnectionsWhenDraining(fastify);
  app.get(Metrics).instrument(fastify);
  if (!(await servePortal(fastify, findPortal()))) {
    log.warn('The portal is not built (no dist/portal): /portal is not served');
  }
  documentApi(app);
  await app.init();
  return app;
}
