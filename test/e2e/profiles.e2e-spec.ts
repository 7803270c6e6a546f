import { setTimeout as sleep } from 'node:timers/promises';
import { CommandBus } from '@nestjs/cqrs';
import { ReadModelWaiter } from '@blocx/event-sourcing';
import {
  AttachNumberToProfile,
  DetachNumberFromProfile,
  MESSAGING_PROFILES_PROJECTION,
  NumberStepInput,
  ProfileNotAvailable,
} from '@blocx/profiles';
import { ApiClient } from '../support/api-client';
import { startTestService, TestService } from '../support/test-service';

type Client = ApiClient & { accountId: string };
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
type StepInput = Omit<NumberStepInput, 'moveId'> & { moveId?: string };
const UNKNOWN_ID = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';

describe('messaging profiles over HTTP', () => {
  let service: TestService;
  let alice: Client;
  let bob: Client;

  beforeAll(async () => {
    service = await startTestService();
    [alice, bob] = await Promise.all([service.newAccount('Alice'), service.newAccount('Bob')]);
  });
  afterAll(() => service.close());

  async function create(client: ApiClient, body: object = { name: 'Support' }) {
    const created = await client.post('/messaging-profiles', body);
    expect(created.status).toBe(201);
    return created.body.data as Record<string, unknown> & { id: string };
  }

  /** A step of the number-move saga, as the numbers context sends it, then waits for the read model. */
  async function step(Command: typeof AttachNumberToProfile, input: StepInput) {
    const position = await service.app
      .get(CommandBus)
      .execute(new Command({ moveId: 'move-e2e', ...input }));
    await service.app.get(ReadModelWaiter).waitFor(position, [MESSAGING_PROFILES_PROJECTION]);
    return position;
  }

  describe('POST /messaging-profiles', () => {
    it('creates a profile with the defaults and shows it at once', async () => {
      const created = await alice.post('/messaging-profiles', { name: 'Support' });
      expect(created.status).toBe(201);
      const profile = created.body.data;
      expect(profile).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'Support',
        webhook_url: null,
        webhook_failover_url: null,
        webhook_events: ['message.sent', 'message.delivered', 'message.failed', 'message.received'],
        allowed_countries: ['US'],
        opt_out: { keywords: ['STOP'], message: expect.stringMatching(/no more messages.*START/) },
        opt_in: { keywords: ['START'], message: expect.any(String) },
        help: { keywords: ['HELP'], message: expect.stringMatching(/help.*STOP/i) },
        number_count: 0,
        created_at: expect.stringMatching(ISO),
        updated_at: profile.created_at,
      });
      const read = await alice.get(`/messaging-profiles/${profile.id}`);
      expect(read.status).toBe(200);
      expect(read.body.data).toEqual(profile);
    });

    it('takes every field, storing keywords and countries upper-case', async () => {
      const profile = await create(alice, {
        name: 'Marketing',
        webhook_url: 'https://example.com/hooks',
        webhook_failover_url: 'http://backup.example.com/hooks?x=1',
        webhook_events: ['message.received'],
        allowed_countries: ['us', 'CA'],
        opt_out: { keywords: ['stop', 'opt out'], message: 'Bye. Reply START to come back.' },
        opt_in: { keywords: ['unstop'], message: 'Welcome back.' },
        help: { keywords: ['info'], message: 'Call 555. Reply STOP to stop.' },
      });
      expect(profile).toMatchObject({
        webhook_url: 'https://example.com/hooks',
        webhook_failover_url: 'http://backup.example.com/hooks?x=1',
        webhook_events: ['message.received'],
        allowed_countries: ['US', 'CA'],
        opt_out: { keywords: ['STOP', 'OPT OUT'], message: 'Bye. Reply START to come back.' },
        opt_in: { keywords: ['UNSTOP'], message: 'Welcome back.' },
        help: { keywords: ['INFO'], message: 'Call 555. Reply STOP to stop.' },
      });
    });

    it('answers 401 without a key', async () => {
      const anonymous = alice.withKey(undefined);
      expect((await anonymous.post('/messaging-profiles', { name: 'x' })).status).toBe(401);
      expect((await anonymous.get('/messaging-profiles')).status).toBe(401);
    });
  });

  describe('validation', () => {
    const long = (n: number) => 'x'.repeat(n);
    const url2049 = `https://example.com/${long(2049 - 20)}`;
    // [what, body, code, pointer]: each must be refused with 422 and exactly this problem.
    const createCases: [string, object, string, string][] = [
      ['name missing', {}, 'field_required', '/name'],
      ['name null', { name: null }, 'field_required', '/name'],
      ['name not a string', { name: 5 }, 'invalid_field', '/name'],
      ['name empty', { name: '' }, 'invalid_field', '/name'],
      ['name blank', { name: '   ' }, 'invalid_field', '/name'],
      ['name of 101', { name: long(101) }, 'invalid_field', '/name'],
      ['unknown field', { name: 'x', colour: 'red' }, 'unknown_field', '/colour'],
      ['url not a string', { name: 'x', webhook_url: 1 }, 'invalid_field', '/webhook_url'],
      ['url ftp', { name: 'x', webhook_url: 'ftp://e.com' }, 'invalid_url', '/webhook_url'],
      ['url relative', { name: 'x', webhook_url: '/hooks' }, 'invalid_url', '/webhook_url'],
      ['url words', { name: 'x', webhook_url: 'not a url' }, 'invalid_url', '/webhook_url'],
      ['url of 2049', { name: 'x', webhook_url: url2049 }, 'invalid_url', '/webhook_url'],
      [
        'failover relative',
        { name: 'x', webhook_failover_url: 'example.com' },
        'invalid_url',
        '/webhook_failover_url',
      ],
      [
        'events not a list',
        { name: 'x', webhook_events: 'message.sent' },
        'invalid_field',
        '/webhook_events',
      ],
      [
        'event unknown',
        { name: 'x', webhook_events: ['message.bounced'] },
        'invalid_webhook_event',
        '/webhook_events/0',
      ],
      [
        'event twice',
        { name: 'x', webhook_events: ['message.sent', 'message.sent'] },
        'duplicate_value',
        '/webhook_events/1',
      ],
      [
        'countries not strings',
        { name: 'x', allowed_countries: [1] },
        'invalid_field',
        '/allowed_countries',
      ],
      [
        'countries empty',
        { name: 'x', allowed_countries: [] },
        'invalid_field',
        '/allowed_countries',
      ],
      [
        'country unknown',
        { name: 'x', allowed_countries: ['US', 'ZZ'] },
        'invalid_country',
        '/allowed_countries/1',
      ],
      [
        'country alpha-3',
        { name: 'x', allowed_countries: ['USA'] },
        'invalid_country',
        '/allowed_countries/0',
      ],
      [
        'country twice',
        { name: 'x', allowed_countries: ['US', 'us'] },
        'duplicate_value',
        '/allowed_countries/1',
      ],
      ['opt_out not an object', { name: 'x', opt_out: 'STOP' }, 'invalid_field', '/opt_out'],
      ['opt_out null', { name: 'x', opt_out: null }, 'invalid_field', '/opt_out'],
      [
        'opt_out unknown field',
        { name: 'x', opt_out: { keyword: 'STOP' } },
        'unknown_field',
        '/opt_out/keyword',
      ],
      [
        'keywords not a list',
        { name: 'x', opt_out: { keywords: 'STOP' } },
        'invalid_field',
        '/opt_out/keywords',
      ],
      [
        'keywords empty',
        { name: 'x', opt_out: { keywords: [] } },
        'invalid_field',
        '/opt_out/keywords',
      ],
      [
        'keyword with two spaces',
        { name: 'x', opt_out: { keywords: ['STOP', 'OPT  OUT'] } },
        'invalid_keyword',
        '/opt_out/keywords/1',
      ],
      [
        'keyword empty',
        { name: 'x', opt_in: { keywords: [''] } },
        'invalid_keyword',
        '/opt_in/keywords/0',
      ],
      [
        'keyword of 31',
        { name: 'x', help: { keywords: [long(31)] } },
        'invalid_keyword',
        '/help/keywords/0',
      ],
      [
        'keyword twice, other case',
        { name: 'x', opt_out: { keywords: ['stop', 'STOP'] } },
        'duplicate_value',
        '/opt_out/keywords/1',
      ],
      [
        'keyword in two lists',
        { name: 'x', opt_in: { keywords: ['start', 'stop'] } },
        'keyword_conflict',
        '/opt_in/keywords/1',
      ],
      [
        'message not a string',
        { name: 'x', help: { message: 5 } },
        'invalid_field',
        '/help/message',
      ],
      ['message empty', { name: 'x', help: { message: '' } }, 'invalid_field', '/help/message'],
      [
        'message of 481',
        { name: 'x', opt_out: { message: long(481) } },
        'invalid_field',
        '/opt_out/message',
      ],
    ];

    it.each(createCases)('POST refuses %s', async (_, body, code, pointer) => {
      const answer = await alice.post('/messaging-profiles', body);
      expect(answer.status).toBe(422);
      expect(answer.body.errors).toEqual([expect.objectContaining({ code, source: { pointer } })]);
    });

    it('accepts the limits themselves', async () => {
      const profile = await create(alice, {
        name: long(100),
        webhook_url: `https://example.com/${long(2048 - 20)}`,
        opt_out: { keywords: [long(30)], message: long(480) },
      });
      expect(profile.name).toHaveLength(100);
    });

    it('reports every problem of a request at once', async () => {
      const answer = await alice.post('/messaging-profiles', {
        name: '',
        webhook_url: 'ftp://x',
        allowed_countries: ['ZZ'],
      });
      expect(answer.status).toBe(422);
      expect(
        answer.body.errors.map((e: { source: { pointer: string } }) => e.source.pointer),
      ).toEqual(['/name', '/webhook_url', '/allowed_countries/0']);
    });

    const patchCases: [string, object, string, string][] = [
      ['name null', { name: null }, 'invalid_field', '/name'],
      ['name empty', { name: '' }, 'invalid_field', '/name'],
      ['events null', { webhook_events: null }, 'invalid_field', '/webhook_events'],
      ['countries null', { allowed_countries: null }, 'invalid_field', '/allowed_countries'],
      ['opt_in null', { opt_in: null }, 'invalid_field', '/opt_in'],
      ['keywords null', { help: { keywords: null } }, 'invalid_field', '/help/keywords'],
      ['message null', { help: { message: null } }, 'invalid_field', '/help/message'],
      ['url bad', { webhook_url: 'mailto:a@b.c' }, 'invalid_url', '/webhook_url'],
      ['country unknown', { allowed_countries: ['EU'] }, 'invalid_country', '/allowed_countries/0'],
      ['unknown field', { number_count: 3 }, 'unknown_field', '/number_count'],
      // The stored opt-out list holds STOP: a help list that takes it clashes.
      [
        'keyword held by another list',
        { help: { keywords: ['STOP'] } },
        'keyword_conflict',
        '/help/keywords/0',
      ],
    ];

    it.each(patchCases)('PATCH refuses %s', async (_, body, code, pointer) => {
      const profile = await create(alice);
      const answer = await alice.patch(`/messaging-profiles/${profile.id}`, body);
      expect(answer.status).toBe(422);
      expect(answer.body.errors).toEqual([expect.objectContaining({ code, source: { pointer } })]);
      expect((await alice.get(`/messaging-profiles/${profile.id}`)).body.data).toEqual(profile);
    });
  });

  describe('GET /messaging-profiles', () => {
    it('lists only the account’s own profiles, newest first, in pages', async () => {
      const carol = await service.newAccount('Carol');
      const first = await create(carol, { name: 'first' });
      const second = await create(carol, { name: 'second' });
      const third = await create(carol, { name: 'third' });
      const page1 = await carol.get('/messaging-profiles?page[number]=1&page[size]=2');
      expect(page1.status).toBe(200);
      expect(page1.body.data.map((p: { id: string }) => p.id)).toEqual([third.id, second.id]);
      expect(page1.body.meta).toEqual({ total: 3, page_number: 1, page_size: 2 });
      const page2 = await carol.get('/messaging-profiles?page[number]=2&page[size]=2');
      expect(page2.body.data).toEqual([first]);
      const all = await carol.get('/messaging-profiles');
      expect(all.body.meta).toEqual({ total: 3, page_number: 1, page_size: 20 });
      const others = await bob.get('/messaging-profiles');
      expect(others.body.data.map((p: { id: string }) => p.id)).not.toContain(first.id);
    });

    it('refuses a page size over 250 with 400', async () => {
      const answer = await alice.get('/messaging-profiles?page[size]=251');
      expect(answer.status).toBe(400);
      expect(answer.body.errors[0].code).toBe('invalid_parameter');
    });
  });

  describe('PATCH /messaging-profiles/{id}', () => {
    it('changes what it names, keeps what it leaves out and answers the whole profile', async () => {
      const profile = await create(alice, {
        name: 'Before',
        webhook_url: 'https://a.example.com/h',
        webhook_failover_url: 'https://b.example.com/h',
      });
      const answer = await alice.patch(`/messaging-profiles/${profile.id}`, {
        name: 'After',
        webhook_failover_url: null,
        opt_out: { message: 'Unsubscribed. Reply START to return.' },
      });
      expect(answer.status).toBe(200);
      expect(answer.body.data).toEqual({
        ...profile,
        name: 'After',
        webhook_failover_url: null,
        opt_out: { keywords: ['STOP'], message: 'Unsubscribed. Reply START to return.' },
        updated_at: expect.stringMatching(ISO),
      });
      expect(answer.body.data.updated_at >= (profile.updated_at as string)).toBe(true);
      expect((await alice.get(`/messaging-profiles/${profile.id}`)).body.data).toEqual(
        answer.body.data,
      );
    });

    it('moves a keyword between lists when both change in one request', async () => {
      const profile = await create(alice);
      const answer = await alice.patch(`/messaging-profiles/${profile.id}`, {
        opt_out: { keywords: ['STOP', 'END'] },
        help: { keywords: ['HELP', 'INFO'] },
      });
      expect(answer.status).toBe(200);
      expect(answer.body.data.opt_out.keywords).toEqual(['STOP', 'END']);
      expect(answer.body.data.help.keywords).toEqual(['HELP', 'INFO']);
    });

    it('keeps updated_at when nothing changes', async () => {
      const profile = await create(alice);
      const answer = await alice.patch(`/messaging-profiles/${profile.id}`, {
        name: 'Support',
        allowed_countries: ['us'],
      });
      expect(answer.status).toBe(200);
      expect(answer.body.data).toEqual(profile);
      expect((await alice.patch(`/messaging-profiles/${profile.id}`, {})).body.data).toEqual(
        profile,
      );
    });
  });

  describe('DELETE /messaging-profiles/{id}', () => {
    it('deletes a profile without numbers; it is gone for every endpoint after', async () => {
      const profile = await create(alice);
      const deleted = await alice.delete(`/messaging-profiles/${profile.id}`);
      expect(deleted.status).toBe(204);
      expect(deleted.text).toBe('');
      expect((await alice.get(`/messaging-profiles/${profile.id}`)).status).toBe(404);
      expect((await alice.patch(`/messaging-profiles/${profile.id}`, { name: 'x' })).status).toBe(
        404,
      );
      expect((await alice.delete(`/messaging-profiles/${profile.id}`)).status).toBe(404);
      const list = await alice.get('/messaging-profiles?page[size]=250');
      expect(list.body.data.map((p: { id: string }) => p.id)).not.toContain(profile.id);
    });

    it('is refused with 409 profile_has_numbers while a number is attached', async () => {
      const profile = await create(alice);
      const number = {
        accountId: alice.accountId,
        profileId: profile.id,
        phoneNumber: '+15550001111',
      };
      expect(await step(AttachNumberToProfile, number)).toBeDefined();
      expect((await alice.get(`/messaging-profiles/${profile.id}`)).body.data.number_count).toBe(1);
      const refused = await alice.delete(`/messaging-profiles/${profile.id}`);
      expect(refused.status).toBe(409);
      expect(refused.body.errors[0].code).toBe('profile_has_numbers');
      expect(await step(DetachNumberFromProfile, number)).toBeDefined();
      expect((await alice.get(`/messaging-profiles/${profile.id}`)).body.data.number_count).toBe(0);
      expect((await alice.delete(`/messaging-profiles/${profile.id}`)).status).toBe(204);
    });
  });

  describe('number steps of the move saga (commands on the bus)', () => {
    it('are idempotent and count numbers once', async () => {
      const profile = await create(alice);
      const number = {
        accountId: alice.accountId,
        profileId: profile.id,
        phoneNumber: '+15550002222',
      };
      expect(await step(AttachNumberToProfile, number)).toBeDefined();
      expect(await step(AttachNumberToProfile, { ...number, moveId: 'again' })).toBeUndefined();
      await step(AttachNumberToProfile, { ...number, phoneNumber: '+15550003333' });
      expect((await alice.get(`/messaging-profiles/${profile.id}`)).body.data.number_count).toBe(2);
      expect(await step(DetachNumberFromProfile, number)).toBeDefined();
      expect(await step(DetachNumberFromProfile, number)).toBeUndefined();
      expect((await alice.get(`/messaging-profiles/${profile.id}`)).body.data.number_count).toBe(1);
    });

    it('refuse a deleted, unknown or other account profile with ProfileNotAvailable', async () => {
      const profile = await create(alice);
      await alice.delete(`/messaging-profiles/${profile.id}`);
      const number = { accountId: alice.accountId, phoneNumber: '+15550004444' };
      const bobs = await create(bob);
      for (const target of [
        { ...number, profileId: profile.id },
        { ...number, profileId: UNKNOWN_ID },
        { ...number, profileId: bobs.id },
      ]) {
        await expect(step(AttachNumberToProfile, target)).rejects.toBeInstanceOf(
          ProfileNotAvailable,
        );
      }
      expect(
        await step(DetachNumberFromProfile, { ...number, profileId: profile.id }),
      ).toBeUndefined();
    });
  });

  it('documents the endpoints and their bodies in the OpenAPI document', async () => {
    const document = (await service.operator.get('/openapi.json')).body;
    const paths = document.paths;
    expect(Object.keys(paths['/messaging-profiles']).sort()).toEqual(['get', 'post']);
    expect(Object.keys(paths['/messaging-profiles/{id}']).sort()).toEqual([
      'delete',
      'get',
      'patch',
    ]);
    const create = document.components.schemas.CreateMessagingProfileRequest;
    expect(create.required).toEqual(['name']);
    expect(Object.keys(create.properties)).toEqual(
      expect.arrayContaining(['webhook_url', 'allowed_countries', 'opt_out', 'opt_in', 'help']),
    );
    expect(paths['/messaging-profiles/{id}'].delete.responses['409']).toBeDefined();
  });

  describe('read model', () => {
    it('is rebuilt from the log to the very same rows (times come from the events)', async () => {
      const dave = await service.newAccount('Dave');
      const profile = await create(dave, { name: 'Rebuild me' });
      await dave.patch(`/messaging-profiles/${profile.id}`, { webhook_url: 'https://d.example/h' });
      await step(AttachNumberToProfile, {
        accountId: dave.accountId,
        profileId: profile.id,
        phoneNumber: '+15550005555',
      });
      const gone = await create(dave, { name: 'Deleted' });
      await dave.delete(`/messaging-profiles/${gone.id}`);
      const before = (await dave.get('/messaging-profiles')).body;
      expect(before.data[0].number_count).toBe(1);

      const name = MESSAGING_PROFILES_PROJECTION;
      expect((await service.operator.post(`/admin/projections/${name}/rebuild`)).status).toBe(202);
      let status = 'rebuilding';
      for (let i = 0; i < 100 && status !== 'live'; i++) {
        await sleep(100);
        const states = (await service.operator.get('/admin/projections')).body.data;
        status = states.find((state: { name: string }) => state.name === name).status;
      }
      expect(status).toBe('live');
      expect((await dave.get('/messaging-profiles')).body).toEqual(before);
    });
  });

  describe('tenant isolation', () => {
    it('answers 404 messaging_profile_not_found on every endpoint for another account’s id', async () => {
      const profile = await create(bob, { name: 'Bob only' });
      const path = `/messaging-profiles/${profile.id}`;
      const answers = [
        await alice.get(path),
        await alice.patch(path, { name: 'Taken' }),
        await alice.delete(path),
      ];
      for (const answer of answers) {
        expect(answer.status).toBe(404);
        expect(answer.body.errors[0].code).toBe('messaging_profile_not_found');
      }
      const untouched = await bob.get(path);
      expect(untouched.body.data).toEqual(profile);
    });

    it('a list filtered by messaging_profile_id answers 404 for a profile the account has not', async () => {
      const lists = ['/numbers', '/messages', '/opt-outs', '/webhook-deliveries'];
      const own = await create(alice, { name: 'Filter' });
      const deleted = await create(alice, { name: 'Deleted' });
      await alice.delete(`/messaging-profiles/${deleted.id}`);
      const bobs = await create(bob, { name: 'Bob only' });
      for (const list of lists) {
        const owned = await alice.get(`${list}?messaging_profile_id=${own.id}`);
        expect([list, owned.status, owned.body.meta.total]).toEqual([list, 200, 0]);
        for (const profileId of [bobs.id, UNKNOWN_ID, deleted.id]) {
          const refused = await alice.get(`${list}?messaging_profile_id=${profileId}`);
          expect([list, refused.status, refused.body.errors[0]]).toEqual([
            list,
            404,
            expect.objectContaining({
              code: 'messaging_profile_not_found',
              source: { parameter: 'messaging_profile_id' },
            }),
          ]);
        }
        const malformed = await alice.get(`${list}?messaging_profile_id=nope`);
        expect([list, malformed.status, malformed.body.errors[0].code]).toEqual([
          list,
          400,
          'invalid_parameter',
        ]);
      }
      const paths = (await service.operator.get('/openapi.json')).body.paths;
      const documented = lists.map((list) => [list, Object.keys(paths[list].get.responses)]);
      expect(documented).toEqual(lists.map((list) => [list, expect.arrayContaining(['404'])]));
    });

    it('answers 404 for an unknown id and for one that is not a uuid', async () => {
      for (const id of [UNKNOWN_ID, 'not-a-uuid']) {
        const path = `/messaging-profiles/${id}`;
        for (const answer of [
          await alice.get(path),
          await alice.patch(path, { name: 'x' }),
          await alice.delete(path),
        ]) {
          expect(answer.status).toBe(404);
          expect(answer.body.errors[0].code).toBe('messaging_profile_not_found');
        }
      }
    });
  });
});
