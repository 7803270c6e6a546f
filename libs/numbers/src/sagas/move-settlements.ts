import { Injectable } from '@nestjs/common';
import {
  compareLogPositions,
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
      // A move this write joined (another request's) was appended before now: the head covers it.
      const requested = written ?? (await this.store.headPosition());
      await this.waiter.waitFor(requested, [NUMBER_MOVE_SAGA], SAGA_WAIT_MS);
      for (const move of moves) {
        const { settlement, position } = await this.settlementOf(move);
        settlements.set(move.moveId, settlement);
        if (visibleAt === undefined || compareLogPositions(position, visibleAt) > 0) {
          visibleAt = position;
        }
      }
    }
    await this.waiter.waitFor(visibleAt, [PHONE_NUMBERS_PROJECTION, MESSAGING_PROFILES_PROJECTION]);
    return settlements;
  }

  private async settlementOf({ streamId, moveId }: AwaitedMove) {
    const tail = await this.store.readStream(streamId, { direction: 'backwards', maxCount: TAIL });
    const recorded =
      this.find(tail, moveId) ??
      this.find((await this.store.readStream(streamId)).reverse(), moveId);
    if (recorded === undefined) throw new Error(`Move ${moveId} on ${streamId} has no settlement`);
    return recorded;
  }

  private find(newestFirst: RecordedEvent[], moveId: string) {
    for (const recorded of newestFirst) {
      const event = this.registry.revive(recorded);
      const settled =
        event instanceof NumberAssignedToProfile ||
        event instanceof NumberUnassignedFromProfile ||
        event instanceof NumberMoveFailed;
      if (settled && event.data.moveId === moveId) {
        return { settlement: event, position: recorded.position };
      }
    }
    return undefined;
  }
}
