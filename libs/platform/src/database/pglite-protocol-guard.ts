import type { PGlite } from '@electric-sql/pglite';
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** The part of PGlite the socket server's query queue uses. */
type QueueDb = Pick<PGlite, 'isInTransaction' | 'runExclusive' | 'execProtocolRawStream' | 'exec'>;

// Frontend message types of the extended query protocol, up to the Sync that ends a sequence.
const EXTENDED = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map((c) => c.charCodeAt(0)));
const ENDS_SEQUENCE = new Set(['S', 'Q', 'X'].map((c) => c.charCodeAt(0)));

/**
 * pglite-socket queues the messages of all connections onto one PGlite session and keeps a
 * connection's messages together only inside an explicit transaction. A parameterised query is
 * Parse/Bind/Execute/Sync, and the unnamed statement and portal belong to the session: if another
 * connection's transaction starts between that Parse and Bind, the Bind fails ("unnamed prepared
 * statement does not exist") or binds the other connection's statement. So the queue is told a
 * connection is "in a transaction" from its first extended-protocol message until its Sync.
 */
export function keepExtendedQueriesTogether(server: PGLiteSocketServer, db: PGlite): void {
  const queue = (server as unknown as { queryQueue: { db: QueueDb } }).queryQueue;
  let midSequence = false;
  queue.db = {
    isInTransaction: () => midSequence || db.isInTransaction(),
    runExclusive: (fn) => db.runExclusive(fn),
    execProtocolRawStream: (message, options) => {
      const type = message[0];
      if (EXTENDED.has(type)) midSequence = true;
      else if (ENDS_SEQUENCE.has(type)) midSequence = false;
      return db.execProtocolRawStream(message, options);
    },
    // Only called to roll back after a connection dropped mid-transaction (or mid-sequence).
    exec: (query, options) => {
      midSequence = false;
      return db.exec(query, options);
    },
  };
}
