import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiClient } from '../support/api-client';
import { ServiceProcess, startServiceProcess } from '../support/service-process';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { awaitStatus, Client, expectOk, openLine, usNumber } from './messaging/messaging-fixture';

/**
 * SUBSCRIPTIONS splits the work between processes on one database: an API instance runs what
 * its writes wait for (the read models, the number-move saga), a worker runs the dispatcher, the
 * carrier's reports and the webhook jobs.
 */
describe('instance roles', () => {
  const operatorKey = 'operator-key-for-role-tests';
  let database: TestDatabase;
  let dataDir: string;
  const running: ServiceProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'blocx-roles-'));
  });
  afterAll(async () => {
    await Promise.all(running.map((service) => service.stop('SIGTERM')));
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(role: string): Promise<ServiceProcess> {
    const service = await startServiceProcess({
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      ADMIN_API_KEY: operatorKey,
      SUBSCRIPTIONS: role,
    });
    running.push(service);
    return service;
  }

  it('an API instance answers sends with its read models; the worker hands them to the carrier', async () => {
    const api = await start('api');
    const operator = new ApiClient(api.baseUrl, operatorKey);
    const created = (await operator.post('/accounts', { name: 'Roles' })).body.data;
    const account = Object.assign(new ApiClient(api.baseUrl, created.api_key), {
      accountId: created.id as string,
    }) as Client;
    const line = await openLine(account);
    const sent = await expectOk(
      account.post('/messaging/send', { from: line.number, to: usNumber(), text: 'Hello' }),
      202,
    );
    // Read-your-writes held on the API instance alone: the message is listed at once.
    expect((await account.get(`/messages/${sent.id}`)).body.data.status).toBe('queued');
    // No dispatcher runs there: the simulator would have reported within a fraction of this.
    await sleep(1500);
    expect((await account.get(`/messages/${sent.id}`)).body.data.status).toBe('queued');

    await start('worker');
    const delivered = await awaitStatus(
      account,
      sent.id as string,
      ['delivered', 'failed'],
      15_000,
    );
    expect(delivered.status).toBe('delivered');
  });
});
