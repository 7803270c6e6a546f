import { eventStoreContract } from './event-store.contract';
import {
  crossStoreArrivalMs,
  eventStoreDatabase,
  postgresEventStoreFixture,
} from './postgres-event-store.fixture';

// Runs from dist/: `npx nest build` first (see test/support/embedded-postgres-process.ts).
eventStoreContract(
  'PGlite',
  async () => ({ ...(await postgresEventStoreFixture('pglite')), appendHeldOpen: undefined }),
  {
    heldAppendSkipReason:
      'PGlite serialises transactions across connections, so a held one blocks the later appends',
  },
);

describe('PGlite store across processes', () => {
  it('the poll carries appends of another store, where NOTIFY does not arrive', async () => {
    const database = await eventStoreDatabase('pglite');
    try {
      expect(await crossStoreArrivalMs(database, { pollIntervalMs: 250 })).toBeLessThan(1000);
    } finally {
      await database.drop();
    }
  });
});
