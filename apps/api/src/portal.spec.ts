import Fastify, { FastifyInstance } from 'fastify';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { servePortal } from './portal';

describe('servePortal', () => {
  let root: string;
  let fastify: FastifyInstance;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'blocx-portal-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Blocx portal</title>');
    writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log("portal")');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  beforeEach(async () => {
    fastify = Fastify();
    expect(await servePortal(fastify, root)).toBe(true);
    // Stand-ins for the API's own routes, to see what reaches them.
    fastify.get('/messaging-profiles', () => ({ data: [] }));
    fastify.get('/messaging-profiles/:id', () => ({ data: 'profile' }));
    fastify.get('/messaging-profiles/:id/numbers', () => ({ data: [] }));
  });
  afterEach(() => fastify.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    fastify.inject({ method: 'GET', url, headers });
  const HTML = 'text/html,application/xhtml+xml,*/*;q=0.8';

  it('serves the built files, hashed assets cached for good', async () => {
    const asset = await get('/portal/assets/index-abc123.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers client-side routes with the app, never cached', async () => {
    for (const url of [
      '/portal',
      '/portal/',
      '/portal/messaging-profiles/abc',
      '/portal/numbers?x=1',
    ]) {
      const page = await get(url, { accept: HTML });
      expect({ url, status: page.statusCode, type: page.headers['content-type'] }).toEqual({
        url,
        status: 200,
        type: 'text/html; charset=utf-8',
      });
      expect(page.body).toContain('<title>Blocx portal</title>');
      expect(page.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves a file added after start (a rebuild), and nothing outside the build', async () => {
    writeFileSync(join(root, 'assets', 'index-new456.js'), 'console.log("rebuilt")');
    expect((await get('/portal/assets/index-new456.js')).body).toContain('rebuilt');
    const outside = await get('/portal/%2E%2E/%2E%2E/etc/passwd', { accept: HTML });
    expect(outside.body).not.toContain('root:');
  });

  it('answers a missing asset with 404, not the app', async () => {
    const missing = await get('/portal/assets/index-gone.js');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().errors[0].code).toBe('route_not_found');
  });

  it("redirects a browser from the seed's addresses to the portal", async () => {
    const detail = await get('/messaging-profiles/abc?tab=1', { accept: HTML });
    expect(detail.statusCode).toBe(302);
    expect(detail.headers.location).toBe('/portal/messaging-profiles/abc?tab=1');
    const list = await get('/messaging-profiles', { accept: HTML });
    expect(list.headers.location).toBe('/portal/messaging-profiles');
  });

  it('leaves API clients alone: JSON, a key, another method or another path', async () => {
    expect((await get('/messaging-profiles/abc', { accept: 'application/json' })).json()).toEqual({
      data: 'profile',
    });
    expect((await get('/messaging-profiles/abc')).statusCode).toBe(200);
    const keyed = await get('/messaging-profiles/abc', { accept: HTML, authorization: 'Bearer k' });
    expect(keyed.statusCode).toBe(200);
    expect((await get('/messaging-profiles/abc/numbers', { accept: HTML })).statusCode).toBe(200);
    const head = await fastify.inject({
      method: 'HEAD',
      url: '/messaging-profiles/abc',
      headers: { accept: HTML },
    });
    expect(head.statusCode).toBe(200);
  });

  it('serves nothing, and redirects nothing, without a build', async () => {
    const bare = Fastify();
    expect(await servePortal(bare, undefined)).toBe(false);
    bare.get('/messaging-profiles/:id', () => ({ data: 'profile' }));
    expect((await bare.inject({ url: '/portal/' })).statusCode).toBe(404);
    const api = await bare.inject({ url: '/messaging-profiles/abc', headers: { accept: HTML } });
    expect(api.statusCode).toBe(200);
    await bare.close();
  });
});
