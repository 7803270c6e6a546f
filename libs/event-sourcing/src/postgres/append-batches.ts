import { BatchedLookup } from '@blocx/platform';
import { AppendResult } from '../event-store.port';
import { CombinedAppend, CombinedAppendRow, combinedAppendQuery } from './append-statements';
import { SqlQuery } from './postgres-event-rows';
import { StatementNames } from './statement-names';

/** `changed`: a conditional append found a stream it depends on moved, and wrote nothing. */
type Outcome = { result: AppendResult } | { error: unknown } | { changed: true };

export interface AppendBatchesPorts {
  run(query: SqlQuery): Promise<CombinedAppendRow[]>;
  /** The append on its own: the fast path, then the function's verdict. */
  alone(append: CombinedAppend): Promise<AppendResult>;
  /** The function's verdict only (the fast path already moved nothing). */
  verdict(append: CombinedAppend): Promise<AppendResult>;
  toResult(row: CombinedAppendRow): AppendResult;
  names: StatementNames | undefined;
}

/**
 * Appends asked for in the same turn of the event loop — concurrent sends, a dispatcher's batch
 * of hand-offs — to distinct streams go to the database as one statement, so one transaction
 * and one commit carry them all. Each append is still all-or-nothing and judged on its own
 * expectation: a stream that did not move gets the usual verdict (an idempotent retry's first
 * result, or WrongExpectedVersion) on its own, and if the combined statement fails, every append
 * in it runs on its own. A second append to a stream already in the batch runs after it.
 */
export class AppendBatches {
  private readonly lookup: BatchedLookup<CombinedAppend, Outcome>;

  constructor(private readonly ports: AppendBatchesPorts) {
    this.lookup = new BatchedLookup((appends) => this.appendAll(appends));
  }

  async append(append: CombinedAppend): Promise<AppendResult> {
    const outcome = await this.lookup.ask(append);
    if ('error' in outcome) throw outcome.error;
    if ('changed' in outcome) throw new Error('An unconditional append found nothing changed');
    return outcome.result;
  }

  /**
   * An append that depends on other streams being unchanged (`append.unchanged`); undefined when
   * one moved or the expectation failed: nothing was written. Always the combined statement,
   * the one that checks them.
   */
  async appendIfUnchanged(append: CombinedAppend): Promise<AppendResult | undefined> {
    const outcome = await this.lookup.ask(append);
    if ('error' in outcome) throw outcome.error;
    return 'changed' in outcome ? undefined : outcome.result;
  }

  private async appendAll(appends: CombinedAppend[]): Promise<Outcome[]> {
    const streams = new Set<string>();
    const first: number[] = [];
    const again: number[] = [];
    appends.forEach((append, i) => {
      (streams.has(append.streamId) ? again : first).push(i);
      streams.add(append.streamId);
    });
    const outcomes: Outcome[] = new Array(appends.length);
    await this.together(
      first.map((i) => appends[i]),
      (k, outcome) => (outcomes[first[k]] = outcome),
    );
    for (const i of again) outcomes[i] = await this.settleAlone(appends[i]);
    return outcomes;
  }

  private async together(
    appends: CombinedAppend[],
    done: (index: number, outcome: Outcome) => void,
  ): Promise<void> {
    if (appends.length === 1 && appends[0].unchanged === undefined) {
      done(0, await settle(this.ports.alone(appends[0])));
      return;
    }
    let rows: CombinedAppendRow[];
    try {
      rows = await this.ports.run(combinedAppendQuery(appends, this.ports.names));
    } catch {
      const alone = await Promise.all(appends.map((append) => this.settleAlone(append)));
      alone.forEach((outcome, i) => done(i, outcome));
      return;
    }
    const moved = new Map(rows.map((row) => [row.append - 1, row]));
    await Promise.all(
      appends.map(async (append, i) => {
        const row = moved.get(i);
        if (row) done(i, { result: this.ports.toResult(row) });
        else if (append.unchanged) done(i, { changed: true });
        else done(i, await settle(this.ports.verdict(append)));
      }),
    );
  }

  /**
   * An append that cannot go in the combined statement (it failed, or the stream is already in
   * it) runs on its own; a conditional one is not retried: its caller reads again and decides.
   */
  private settleAlone(append: CombinedAppend): Promise<Outcome> {
    if (append.unchanged) return Promise.resolve({ changed: true });
    return settle(this.ports.alone(append));
  }
}

async function settle(append: Promise<AppendResult>): Promise<Outcome> {
  try {
    return { result: await append };
  } catch (error) {
    return { error };
  }
}
