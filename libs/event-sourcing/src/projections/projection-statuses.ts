import { Injectable } from '@nestjs/common';
import { EventStore, LogPosition } from '../event-store.port';
import { CheckpointRow, ProjectionStatus } from '../subscriptions/checkpoints';
import { lagBetween } from '../subscriptions/subscription-metrics';
import { SubscriptionHost } from '../subscriptions/subscription-host';
import { ProjectionRebuilder } from './projection-rebuilder';

export interface ProjectionState {
  name: string;
  position: { commit: string; prepare: string };
  lag: number;
  status: ProjectionStatus;
}

/** A rebuild that has not reported for this long died with its process. */
const REBUILD_SILENCE_S = 60;

/** What an operator sees of each read-model projection. */
@Injectable()
export class ProjectionStatuses {
  constructor(
    private readonly host: SubscriptionHost,
    private readonly store: EventStore,
    private readonly rebuilder: ProjectionRebuilder,
  ) {}

  async list(): Promise<ProjectionState[]> {
    const names = this.host.projectionNames().sort();
    const [rows, head] = await Promise.all([
      this.host.checkpoints.all(names),
      this.store.headPosition(),
    ]);
    const stored = new Map(rows.map((row) => [row.name, row]));
    return Promise.all(names.map((name) => this.state(name, stored.get(name), head)));
  }

  private async state(
    name: string,
    row: CheckpointRow | undefined,
    head: LogPosition,
  ): Promise<ProjectionState> {
    const position = this.host.progress.position(name) ??
      row?.position ?? { commit: 0n, prepare: 0n };
    const lag = lagBetween(position, head);
    let status: ProjectionStatus = row?.status ?? 'live';
    if (status === 'rebuilding' && !this.rebuilder.isRebuilding(name)) {
      const silent = row?.rebuildSilentFor ?? Infinity;
      if (silent > REBUILD_SILENCE_S) status = 'live';
    }
    if (status === 'catching_up' && lag === 0) {
      status = 'live';
      await this.host.checkpoints.setStatus(name, 'live');
    }
    return {
      name,
      position: { commit: String(position.commit), prepare: String(position.prepare) },
      lag,
      status,
    };
  }
}
