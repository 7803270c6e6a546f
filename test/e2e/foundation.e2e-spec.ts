import { startTestService, TestService } from '../support/test-service';

describe('service foundation over HTTP', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(() => service.close());

  it('reports health with the database up', async () => {
    const health = await service.operator.get('/health');
    expect(health.status).toBe(200);
    expect(health.body.details.database.status).toBe('up');
  });

  describe('accounts', () => {
    it('creates an account with the operator key and shows its key once', async () => {
      const created = await service.operator.post('/accounts', { name: 'Acme' });
      expect(created.status).toBe(201);
      expect(created.body.data).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'Acme',
        api_key: expect.stringMatching(/^blx_[\w-]{43}$/),
        created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
      });
    });

    it('stores only the SHA-256 hash of a key', async () => {
      const account = await service.newAccount();
      const { Client } = await import('pg');
      const client = new Client({ connectionString: service.database.url });
      await client.connect();
      const rows = (
        await client.query('SELECT api_key_hash FROM accounts WHERE id = $1', [account.accountId])
      ).rows;
      await client.end();
      const { createHash } = await import('node:crypto');
      expect(rows[0].api_key_hash).toBe(
        createHash('sha256')
          .update(account.apiKey as string)
          .digest('hex'),
      );
      expect(JSON.stringify(rows)).not.toContain(account.apiKey);
    });

    it('refuses a missing or wrong key with 401 and a customer key with 403', async () => {
      const anonymous = service.operator.withKey(undefined);
      expect((await anonymous.post('/accounts', { name: 'x' })).body.errors[0].code).toBe(
        'unauthorized',
      );
      const wrong = await service.operator.withKey('blx_nope').post('/accounts', { name: 'x' });
      expect(wrong.status).toBe(401);
      const customer = await service.newAccount();
      const forbidden = await customer.post('/accounts', { name: 'x' });
      expect(forbidden.status).toBe(403);
      expect(forbidden.body.errors[0].code).toBe('forbidden');
    });
  });

  describe('bad input answers with the envelope and changes nothing', () => {
    async function accountCount(): Promise<number> {
      const { Client } = await import('pg');
      const client = new Client({ connectionString: service.database.url });
      await client.connect();
      const count = Number((await client.query('SELECT count(*) FROM accounts')).rows[0].count);
      await client.end();
      return count;
    }

    it.each([
      ['malformed JSON', '{"name":', {}, 400, 'malformed_json'],
      ['null body', 'null', {}, 400, 'invalid_body'],
      ['array body', '[]', {}, 400, 'invalid_body'],
      ['string body', '"s"', {}, 400, 'invalid_body'],
      ['__proto__ key', '{"name":"x","__proto__":{"admin":true}}', {}, 400, 'forbidden_key'],
      ['constructor key', '{"name":"x","constructor":{"prototype":{}}}', {}, 400, 'forbidden_key'],
      [
        'wrong content type',
        'name=x',
        { 'content-type': 'text/plain' },
        400,
        'unsupported_content_type',
      ],
      [
        'form content type',
        'name=x',
        { 'content-type': 'application/x-www-form-urlencoded' },
        400,
        'unsupported_content_type',
      ],
    ])('%s → %i %s', async (_label, body, headers, status, code) => {
      const before = await accountCount();
      const response = await service.operator.post('/accounts', body, headers);
      expect(response.status).toBe(status);
      expect(response.body.errors[0].code).toBe(code);
      expect(await accountCount()).toBe(before);
    });

    it('answers a body over 1 MB with 413', async () => {
      const response = await service.operator.post('/accounts', { name: 'x'.repeat(1024 * 1024) });
      expect(response.status).toBe(413);
      expect(response.body.errors[0].code).toBe('body_too_large');
    });

    it('points at each invalid or unknown field', async () => {
      const response = await service.operator.post('/accounts', { name: '', plan: 'gold' });
      expect(response.status).toBe(422);
      expect(response.body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ code: 'unknown_field', source: { pointer: '/plan' } }),
          expect.objectContaining({ code: 'invalid_field', source: { pointer: '/name' } }),
        ]),
      );
      const tooLong = await service.operator.post('/accounts', { name: 'x'.repeat(101) });
      expect(tooLong.body.errors[0].source).toEqual({ pointer: '/name' });
      const missing = await service.operator.post('/accounts', {});
      expect(missing.status).toBe(422);
    });

    it('answers an unknown route with 404 route_not_found', async () => {
      const response = await service.operator.get('/no-such-thing');
      expect(response.status).toBe(404);
      expect(response.body).toEqual({
        errors: [expect.objectContaining({ code: 'route_not_found' })],
      });
    });
  });

  describe('operations', () => {
    it('serves the OpenAPI document and its UI', async () => {
      const document = await service.operator.get('/openapi.json');
      expect(document.status).toBe(200);
      expect(document.body.paths['/accounts'].post).toBeDefined();
      expect((await service.operator.get('/docs')).status).toBe(200);
    });

    it('exposes an HTTP latency histogram by route and status', async () => {
      await service.operator.get('/health');
      const metrics = await service.operator.get('/metrics');
      expect(metrics.text).toMatch(
        /http_request_duration_seconds_count\{method="GET",route="\/health",status_code="200"\} \d+/,
      );
    });

    it('echoes a request id', async () => {
      const response = await service.operator.get('/health', { 'x-request-id': 'abc-123' });
      expect(response.headers.get('x-request-id')).toBe('abc-123');
    });
  });
});
