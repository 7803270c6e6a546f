import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

/** The seed's own addresses, which a person may open in a browser: the list and a profile. */
const PORTAL_ADDRESSES = /^\/messaging-profiles(\/[^/?#]+)?\/?(\?.*)?$/;

/**
 * The built portal (vite writes dist/portal): beside the compiled service when it runs from dist/,
 * under dist/ when the sources run directly (the tests). Undefined when it was not built.
 */
export function findPortal(): string | undefined {
  const candidates = [join(__dirname, '../../../portal'), join(__dirname, '../../../dist/portal')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')));
}

/** A browser navigating (HTML wanted, no API key) rather than an API client. */
function isBrowserPage(request: FastifyRequest): boolean {
  return (
    request.method === 'GET' &&
    !request.headers.authorization &&
    (request.headers.accept ?? '').includes('text/html')
  );
}

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** A regular file inside root (never outside it, whatever dots the path has). */
function isFileIn(root: string, file: string): boolean {
  const full = resolve(root, file);
  return (
    full.startsWith(root + sep) && statSync(full, { throwIfNoEntry: false })?.isFile() === true
  );
}

function sendApp(_request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-cache').type('text/html').sendFile('index.html');
}

/**
 * Serves the portal under /portal: its files (hashed assets cached for good), every other path
 * below /portal answered with the app so client-side routes load, and the seed's addresses
 * redirected there for browsers. API requests are untouched. Answers false when there is no build.
 */
export async function servePortal(
  fastify: FastifyInstance,
  root: string | undefined,
): Promise<boolean> {
  if (!root) return false;
  // Only reply.sendFile: the route below serves files looked up at each request, so a rebuild
  // (new hashed names) is served without a restart.
  await fastify.register(fastifyStatic, { root, serve: false, cacheControl: false });
  fastify.get('/portal', sendApp);
  fastify.get('/portal/*', (request, reply) => {
    const file = (request.params as { '*': string })['*'];
    if (isFileIn(root, file)) {
      const hashed = file.startsWith('assets/');
      return reply.header('cache-control', hashed ? IMMUTABLE : 'no-cache').sendFile(file);
    }
    // A missing asset is a 404, not the app (the browser would try to run HTML as a script).
    if (file.startsWith('assets/')) {
      return reply.code(404).send({
        errors: [{ code: 'route_not_found', title: 'Not found', detail: `No ${request.url}` }],
      });
    }
    return sendApp(request, reply);
  });
  fastify.addHook('onRequest', async (request, reply) => {
    if (isBrowserPage(request) && PORTAL_ADDRESSES.test(request.url)) {
      return reply.redirect(`/portal${request.url}`, 302);
    }
  });
  return true;
}
