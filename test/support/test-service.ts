import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings } from '@blocx/platform';
import { createHttpServer } from '../../apps/api/src/http-server';
import { createTestDatabase, TestDatabase } from './test-database';
import { ApiClient } from './api-client';

export interface TestService {
  app: NestFastifyApplication;
  baseUrl: string;
  operatorKey: string;
  database: TestDatabase;
  /** A client with the operator key. */
  operator: ApiClient;
  /** Creates an account and answers a client holding its key. */
  newAccount(name?: string): Promise<ApiClient & { accountId: string }>;
  close(): Promise<void>;
}

export interface TestInstance {
  app: NestFastifyApplication;
  baseUrl: string;
  close(): Promise<void>;
}

/** One more instance of the service, in this process, on a free port, over `database`. */
export async function startTestInstance(
  database: TestDatabase,
  operatorKey: string,
  env: Record<string, string> = {},
): Promise<TestInstance> {
  const dataDir = mkdtempSync(join(tmpdir(), 'blocx-svc-'));
  const settings = loadSettings({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    ADMIN_API_KEY: operatorKey,
    ...env,
  });
  const app = await createHttpServer(settings);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The real service, in this process, on a free port, over a fresh database. */
export async function startTestService(env: Record<string, string> = {}): Promise<TestService> {
  const database = await createTestDatabase();
  const operatorKey = `blxop_${randomBytes(24).toString('base64url')}`;
  const { app, baseUrl, close } = await startTestInstance(database, operatorKey, env);
  const operator = new ApiClient(baseUrl, operatorKey);
  return {
    app,
    baseUrl,
    operatorKey,
    database,
    operator,
    async newAccount(name = 'Test account') {
      const created = await operator.post('/accounts', { name });
      if (created.status !== 201)
        throw new Error(`account not created: ${created.status} ${created.text}`);
      const data = created.body.data as { id: string; api_key: string };
      return Object.assign(new ApiClient(baseUrl, data.api_key), { accountId: data.id });
    },
    async close() {
      await close();
      await database.drop();
    },
  };
}
