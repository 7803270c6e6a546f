import { Pool } from 'pg';
import { eventSourcingMigrations } from '@blocx/event-sourcing';
import {
  inlineParameters,
  ReadModelWrites,
  SqlValue,
} from '../../libs/event-sourcing/src/projections/read-model-writes';
import { Checkpoints } from '../../libs/event-sourcing/src/subscriptions/checkpoints';
import { TestDatabase, usingRealPostgres } from '../support/test-database';
import { eventStoreDatabase } from './postgres-event-store.fixture';

const STRINGS = [
  '',
  "it's",
  "''",
  'back\\slash',
  "\\'; DROP TABLE events; --",
  "E'\\x41'",
  '$1 $2 $$ $tag$',
  'line\nbreak\ttab',
  'ünïcödé 🚀 中文',
  '"double" quotes',
  JSON.stringify({ text: 'a "quoted" \\ value', nested: ["it's", null] }),
];

const ARRAYS: (string | number)[][] = [
  [],
  ['plain', "it's", 'back\\slash', '"quoted"', 'com,ma', '{braces}', 'NULL', ' spaced ', ''],
  [1, -2, 3.5],
];

describe.each(['postgres', 'pglite'] as const)('Read-model writes inlined on %s', (kind) => {
  let database: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    const real = await usingRealPostgres();
    // The kernel's whole schema: the event store and the checkpoints.
    database = await eventStoreDatabase(
      kind === 'postgres' && real ? 'postgres' : 'pglite',
      eventSourcingMigrations,
    );
    pool = new Pool({ connectionString: database.url, max: 2 });
    pool.on('error', () => undefined);
    await pool.query('CREATE TABLE written (n int PRIMARY KEY, value text NOT NULL)');
  }, 120_000);

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  /** What the server reads back from the literal of `value`, cast to `type`. */
  async function readBack(value: SqlValue, type: string, conforming = 'on'): Promise<unknown> {
    const client = await pool.connect();
    try {
      await client.query(`SET standard_conforming_strings = ${conforming}`);
      const { rows } = await client.query(inlineParameters(`SELECT $1::${type} AS v`, [value]));
      return rows[0].v;
    } finally {
      await client.query('RESET standard_conforming_strings');
      client.release();
    }
  }

  it.each(['on', 'off'])(
    'strings, arrays, numbers, booleans and null read back as given (standard_conforming_strings %s)',
    async (conforming) => {
      for (const text of STRINGS) expect(await readBack(text, 'text', conforming)).toBe(text);
      for (const array of ARRAYS) {
        const type = typeof array[0] === 'number' ? 'numeric[]' : 'text[]';
        const back = (await readBack(array, type, conforming)) as unknown[];
        expect(back.map((element) => (type === 'text[]' ? element : Number(element)))).toEqual(
          array,
        );
      }
      expect(await readBack(-42, 'int', conforming)).toBe(-42);
      expect(await readBack(true, 'boolean', conforming)).toBe(true);
      expect(await readBack(null, 'text', conforming)).toBeNull();
      const json = STRINGS[STRINGS.length - 1];
      expect(await readBack(json, 'jsonb', conforming)).toEqual(JSON.parse(json));
    },
  );

  it('a value is never read as a parameter or as SQL, and a missing value is refused', () => {
    expect(inlineParameters('SELECT $1, $2', ['$2', 'x'])).toBe(`SELECT '$2', 'x'`);
    expect(() => inlineParameters('SELECT $1, $2', ['only one'])).toThrow(/\$2 has no value/);
    expect(() => inlineParameters('SELECT $1', [Number.NaN])).toThrow(/finite/);
  });

  it('the statements run in order in one transaction: a later refusal leaves no earlier row', async () => {
    const writes = new ReadModelWrites();
    writes.add('INSERT INTO written (n, value) VALUES ($1, $2)', [1, 'first']);
    writes.add('UPDATE written SET value = value || $2 WHERE n = $1', [1, ', then second']);
    await pool.query(writes.sql());
    expect((await pool.query('SELECT value FROM written WHERE n = 1')).rows).toEqual([
      { value: 'first, then second' },
    ]);

    const refused = new ReadModelWrites();
    refused.add('INSERT INTO written (n, value) VALUES ($1, $2)', [2, 'kept?']);
    refused.add('INSERT INTO written (n, value) VALUES ($1, $2)', [3, null]);
    await expect(pool.query(refused.sql())).rejects.toMatchObject({ code: '23502' });
    expect((await pool.query('SELECT n FROM written ORDER BY n')).rows).toEqual([{ n: 1 }]);
  });

  it("a batch whose checkpoint moved fails with the checkpoint's error and writes nothing", async () => {
    await pool.query(`INSERT INTO subscription_checkpoints (name) VALUES ('writes-test')`);
    const at = (n: bigint) => ({ commit: n, prepare: n });
    const writes = new ReadModelWrites();
    writes.add('INSERT INTO written (n, value) VALUES ($1, $2)', [4, 'batch']);
    const batch = (from: bigint, to: bigint) =>
      pool.query(`${Checkpoints.advanceOrFail('writes-test', at(from), at(to))};\n${writes.sql()}`);

    const moved = await batch(7n, 9n).catch((error: unknown) => error);
    expect(Checkpoints.moved(moved)).toBe(true);
    expect((await pool.query('SELECT n FROM written WHERE n = 4')).rowCount).toBe(0);

    await batch(0n, 9n);
    expect((await pool.query('SELECT n FROM written WHERE n = 4')).rowCount).toBe(1);
    const { rows } = await pool.query(
      `SELECT commit_position, prepare_position FROM subscription_checkpoints
       WHERE name = 'writes-test'`,
    );
    expect(rows).toEqual([{ commit_position: '9', prepare_position: '9' }]);
  });
});
