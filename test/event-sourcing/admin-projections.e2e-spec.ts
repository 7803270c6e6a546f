import { setTimeout as sleep } from 'node:timers/promises';
import { startTestService, TestService } from '../support/test-service';

interface ProjectionState {
  name: string;
  position: { commit: string; prepare: string };
  lag: number;
  status: string;
}

describe('GET /admin/projections and POST /admin/projections/{name}/rebuild', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService();
  });
  afterAll(async () => {
    await service.close();
  });

  async function states(): Promise<ProjectionState[]> {
    const listed = await service.operator.get('/admin/projections');
    expect(listed.status).toBe(200);
    return listed.body.data as ProjectionState[];
  }

  it('is for the operator only', async () => {
    const account = await service.newAccount();
    expect((await account.get('/admin/projections')).status).toBe(403);
    expect((await service.operator.withKey(undefined).get('/admin/projections')).status).toBe(401);
    expect((await account.post('/admin/projections/x/rebuild')).status).toBe(403);
  });

  it('lists the read-model projections with position, lag and status', async () => {
    const listed = await states();
    expect(listed.length).toBeGreaterThan(0);
    for (const state of listed) {
      expect(state).toEqual({
        name: expect.any(String),
        position: {
          commit: expect.stringMatching(/^\d+$/),
          prepare: expect.stringMatching(/^\d+$/),
        },
        lag: expect.any(Number),
        status: expect.stringMatching(/^(live|rebuilding|catching_up)$/),
      });
    }
  });

  it('rebuilds a projection: 202, then back to live with the same rows', async () => {
    const account = await service.newAccount();
    const created = await account.post('/messaging-profiles', { name: 'Rebuilt profile' });
    expect(created.status).toBe(201);
    const [target] = await states();
    const started = await service.operator.post(`/admin/projections/${target.name}/rebuild`);
    expect(started.status).toBe(202);
    let state = target;
    for (let i = 0; i < 100; i++) {
      await sleep(100);
      state = (await states()).find((s) => s.name === target.name) as ProjectionState;
      if (state.status === 'live') break;
    }
    expect(state.status).toBe('live');
    const profile = await account.get(`/messaging-profiles/${created.body.data.id}`);
    expect(profile.status).toBe(200);
    expect(profile.body.data.name).toBe('Rebuilt profile');
  });

  it('exposes each subscription position and lag as Prometheus gauges', async () => {
    const [first] = await states();
    const metrics = await service.operator.get('/metrics');
    expect(metrics.text).toMatch(
      new RegExp(`blocx_subscription_lag\\{subscription="${first.name}"\\} \\d+`),
    );
    expect(metrics.text).toMatch(
      new RegExp(`blocx_subscription_position\\{subscription="${first.name}"\\} \\d+`),
    );
  });

  it('answers 404 projection_not_found for an unknown name', async () => {
    const answer = await service.operator.post('/admin/projections/no-such-projection/rebuild');
    expect(answer.status).toBe(404);
    expect(answer.body.errors[0].code).toBe('projection_not_found');
  });
});
