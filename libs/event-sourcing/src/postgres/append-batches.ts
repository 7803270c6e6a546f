import { BatchedLookup } from '@blocx/platform';
import { AppendResult } from '../event-store.port';
import { CombinedAppend, CombinedAppendRow, combinedAppendQuery } from './append-statements';
import { SqlQuery } from './postgres-event-rows';
import { StatementNames } from './statement-names';

type Outcome = { result: AppendResult } | { error: unknown };

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
    return outcome.result;
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
    for (const i of again) outcomes[i] = await settle(this.ports.alone(appends[i]));
    return outcomes;
  }

  private async together(
    appends: CombinedAppend[],
    done: (index: number, outcome: Outcome) => void,
  ): Promise<void> {
    if (appends.length === 1) {
      done(0, await settle(this.ports.alone(appends[0])));
      return;
    }
    let rows: CombinedAppendRow[];
    try {
      rows = await this.ports.run(combinedAppendQuery(appends, this.ports.names));
    } catch {
      const alone = await Promise.all(appends.map((append) => settle(this.ports.alone(append))));
      alone.forEach((outcome, i) => done(i, outcome));
      return;
    }
    const moved = new Map(rows.map((row) => [row.append - 1, row]));
    await Promise.all(
      appends.map(async (append, i) => {
        const row = moved.get(i);
        done(
          i,
          row ? { result: this.ports.toResult(row) } : await settle(this.ports.verdict(append)),
        );
      }),
    );
  }
}

async function settle(append: Promise<AppendResult>): Promise<Outcome> {
  try {
    return { result: await append };
  } catch (error) {
    return { error };
  }
}
