import { createHash } from 'node:crypto';
import { EventFilter, EventMetadata } from '../event-store.port';
import { EventEnvelope } from '../subscriptions/event-envelope';

/**
 * A reaction to the log that acts (a saga step, a dispatcher): it handles each event, then its
 * checkpoint moves. At-least-once: after a crash the last event may be handled again, so every
 * command it issues must be idempotent; derive ids from the causing event with `deterministicId`.
 * A handler that throws is retried from the checkpoint with backoff, never skipped.
 */
export abstract class Processor {
  abstract readonly name: string;
  readonly filter?: EventFilter;
  readonly batchSize: number = 100;
  /**
   * True when a write endpoint waits for this processor before it answers (read-your-writes):
   * then it runs on API instances, beside the read models (see the SUBSCRIPTIONS setting).
   */
  readonly awaitedByWrites: boolean = false;

  abstract handle(envelope: EventEnvelope): Promise<void>;
}

/**
 * A processor that takes a batch at once (a dispatcher sharing reads and working on many events
 * concurrently). The checkpoint moves once the whole batch is handled; if anything in it throws,
 * the whole batch comes again from the checkpoint, so the at-least-once rules above hold for every
 * event of it: its effects must be idempotent, and whatever order the handler imposes within the
 * batch (log order, or none among independent streams) is its own to choose.
 */
export abstract class BatchProcessor extends Processor {
  /**
   * Its checkpoint is stored at most this often (and this long after its last batch, and when
   * it stops): at a thousand events a second a statement per batch only to move it was a sixth
   * of what the hot processors sent. Its effects are idempotent anyway, so after a crash it
   * handles up to this much again.
   */
  readonly checkpointEveryMs: number = 1000;

  abstract handleBatch(envelopes: EventEnvelope[]): Promise<void>;

  /** One event is a batch of one. */
  handle(envelope: EventEnvelope): Promise<void> {
    return this.handleBatch([envelope]);
  }

  /**
   * Runs `work` on every envelope, at most `limit` at once. Every one settles before the first
   * failure is thrown, so nothing of this batch is still running when the batch comes again.
   */
  protected async forEachConcurrently(
    envelopes: EventEnvelope[],
    limit: number,
    work: (envelope: EventEnvelope) => Promise<void>,
  ): Promise<void> {
    let next = 0;
    const failures: unknown[] = [];
    const worker = async (): Promise<void> => {
      while (next < envelopes.length) {
        const envelope = envelopes[next++];
        await work(envelope).catch((error: unknown) => failures.push(error));
      }
    };
    await Promise.all(Array.from({ length: Math.min(limit, envelopes.length) }, worker));
    if (failures.length > 0) throw failures[0];
  }
}

/** The uuid namespace of ids derived from events (a fixed, random v4). */
const BLOCX_NAMESPACE = '3c8b7f5e-2f4a-4c1e-9a51-6f0d2b8e7a10';

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

/** RFC 4122 version 5: the SHA-1 of namespace and name, as a uuid. */
export function uuidV5(name: string, namespace: string = BLOCX_NAMESPACE): string {
  const hash = createHash('sha1').update(uuidBytes(namespace)).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The same id every time this event causes this purpose: handle the event twice, issue the
 * same command twice, and the second is recognised (e.g. `deterministicId(envelope, 'send-message')`).
 */
export function deterministicId(
  cause: Pick<EventEnvelope, 'id'> | string,
  purpose: string,
): string {
  return uuidV5(`${typeof cause === 'string' ? cause : cause.id}:${purpose}`);
}

/** Metadata for what an event causes: same correlation and account, caused by that event. */
export function causedBy(cause: Pick<EventEnvelope, 'id' | 'metadata'>): EventMetadata {
  const metadata: EventMetadata = {
    correlation_id: cause.metadata.correlation_id ?? cause.id,
    causation_id: cause.id,
  };
  if (cause.metadata.account_id !== undefined) metadata.account_id = cause.metadata.account_id;
  return metadata;
}
