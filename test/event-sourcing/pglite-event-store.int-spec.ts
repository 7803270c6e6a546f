import { eventStoreContract } from './event-store.contract';
import { postgresEventStoreFixture } from './postgres-event-store.fixture';

// Runs from dist/: `npx nest build` first (see test/support/embedded-postgres-process.ts).
eventStoreContract(
  'PGlite',
  async () => ({ ...(await postgresEventStoreFixture('pglite')), appendHeldOpen: undefined }),
  {
    heldAppendSkipReason:
      'PGlite serialises transactions across connections, so a held one blocks the later appends',
  },
);
