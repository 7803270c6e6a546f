import { Injectable } from '@nestjs/common';
import {
  compareLogPositions,
  DomainEvent,
  EventRegistry,
  EventStore,
  LogPosition,
  ReadModelWaiter,
  RecordedEvent,
} from '@blocx/event-sourcing';
import { MESSAGING_PROFILES_PROJECTION } from '@blocx/profiles';
import {
  MoveSettlement,
  NumberAssignedToProfile,
  NumberMoveFailed,
  NumberMoveRequested,
  NumberUnassignedFromProfile,
} from '../domain/phone-number.events';
import { PHONE_NUMBERS_PROJECTION } from '../projections/phone-numbers.projection';
import { NUMBER_MOVE_SAGA } from './number-move.saga';

/** A move to wait for: on which number's stream, which move. */
export interface AwaitedMove {
  streamId: string;
  moveId: string;
}

/** A move takes a few appends on a busy log; the wait is bounded all the same (then a 503). */
const SAGA_WAIT_MS = 15_000;
const TAIL = 32;

/**
 * Read-your-writes for number writes: waits until the saga settled the moves, then until the
 * numbers and profiles read models have passed the settlements, so the caller sees the number and
 * both profiles as they are after the move.
 */
@Injectable()
export class MoveSettlements {
  constructor(
    private readonly store: EventStore,
    private readonly registry: EventRegistry,
    private readonly waiter: ReadModelWaiter,
  ) {}

  /** `written` is the position of the write's own events (undefined when it appended none). */
  async settle(moves: AwaitedMove[], written: LogPosition | undefined) {
    const settlements = new Map<string, MoveSettlement>();
    let visibleAt = written;
    if (moves.length > 0) {
      // A move this write joined was requested by another write: wait for its request too.
      const requests = await Promise.all(moves.map((move) => this.recorded(move, isRequest)));
      await this.waiter.waitFor(latest(written, requests), [NUMBER_MOVE_SAGA], SAGA_WAIT_MS);
      for (const move of moves) {
        const { event, position } = await this.recorded(move, isSettlement);
        settlements.set(move.moveId, event as MoveSettlement);
        visibleAt = latest(visibleAt, [{ position }]);
      }
    }
    await this.waiter.waitFor(visibleAt, [PHONE_NUMBERS_PROJECTION, MESSAGING_PROFILES_PROJECTION]);
    return settlements;
  }

  /** The newest event of the move that `wanted` accepts, read from the end of the stream. */
  private async recorded({ streamId, moveId }: AwaitedMove, wanted: (e: DomainEvent) => boolean) {
    const tail = await this.store.readStream(streamId, { direction: 'backwards', maxCount: TAIL });
    const found =
      this.find(tail, moveId, wanted) ??
      this.find((await this.store.readStream(streamId)).reverse(), moveId, wanted);
    if (found === undefined) throw new Error(`Move ${moveId} on ${streamId} is not recorded`);
    return found;
  }

  private find(newestFirst: RecordedEvent[], moveId: string, wanted: (e: DomainEvent) => boolean) {
    for (const recorded of newestFirst) {
      const event = this.registry.revive(recorded);
      const data = event.data as { moveId?: string };
      if (wanted(event) && data.moveId === moveId) return { event, position: recorded.position };
    }
    return undefined;
  }
}

function isRequest(event: DomainEvent): boolean {
  return event instanceof NumberMoveRequested;
}

function isSettlement(event: DomainEvent): boolean {
  return (
    event instanceof NumberAssignedToProfile ||
    event instanceof NumberUnassignedFromProfile ||
    event instanceof NumberMoveFailed
  );
}

function latest(
  first: LogPosition | undefined,
  others: Array<{ position: LogPosition }>,
): LogPosition | undefined {
  return others.reduce<LogPosition | undefined>(
    (max, { position }) =>
      max === undefined || compareLogPositions(position, max) > 0 ? position : max,
    first,
  );
}
