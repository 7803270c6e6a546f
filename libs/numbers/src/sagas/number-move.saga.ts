import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  AggregateRepository,
  causedBy,
  EventEnvelope,
  eventTypes,
  InjectAggregateRepository,
  Processor,
} from '@blocx/event-sourcing';
import {
  AttachNumberToProfile,
  DetachNumberFromProfile,
  NumberStepInput,
  ProfileNotAvailable,
} from '@blocx/profiles';
import { PhoneNumber } from '../domain/phone-number.aggregate';
import { NumberMoveRequested } from '../domain/phone-number.events';

/** The saga's subscription name (its checkpoint); write endpoints wait for it. Never rename it. */
export const NUMBER_MOVE_SAGA = 'numbers.number-move-saga';

/**
 * The number-move saga, a processor on the log. For each requested move, in log order: attach the
 * number to the target profile, detach it from the profile that holds it, and settle the move on
 * the number. Attaching first means the old profile keeps the number until the new one has it, so
 * when the target refuses (deleted meanwhile) the compensation is only to record the failure: the
 * number stays where it was, or unassigned. Every step is idempotent (the profile steps are no-ops
 * when done; a settled move is skipped), so a crash and a replay of the event change nothing twice.
 */
@Injectable()
export class NumberMoveSaga extends Processor {
  readonly name = NUMBER_MOVE_SAGA;
  override readonly filter = { eventTypes: eventTypes(NumberMoveRequested) };
  /** An assignment answers once the move is settled, so API instances run the saga. */
  override readonly awaitedByWrites = true;

  constructor(
    private readonly commands: CommandBus,
    @InjectAggregateRepository(PhoneNumber)
    private readonly numbers: AggregateRepository<PhoneNumber>,
  ) {
    super();
  }

  async handle(envelope: EventEnvelope): Promise<void> {
    if (!(envelope.event instanceof NumberMoveRequested)) return;
    const { phoneNumber, accountId, moveId, profileId: target } = envelope.event.data;
    const metadata = causedBy(envelope);
    // Moves run in log order, so every earlier move is settled and `profileId` is the real holder.
    const number = await this.numbers.load(envelope.streamId);
    if (number.pendingMove(moveId) === undefined) return;
    const holder = number.profileId;
    const step: Omit<NumberStepInput, 'profileId'> = { accountId, phoneNumber, moveId, metadata };

    if (target !== null && target !== holder && !(await this.attach(step, target))) {
      await this.numbers.execute(envelope.streamId, (n) => n.failMove(moveId), metadata);
      return;
    }
    if (holder !== null && holder !== target) {
      await this.commands.execute(new DetachNumberFromProfile({ ...step, profileId: holder }));
    }
    await this.numbers.execute(envelope.streamId, (n) => n.completeMove(moveId), metadata);
  }

  /** False when the profile cannot take the number (deleted, unknown, another account's). */
  private async attach(step: Omit<NumberStepInput, 'profileId'>, profileId: string) {
    try {
      await this.commands.execute(new AttachNumberToProfile({ ...step, profileId }));
      return true;
    } catch (error) {
      if (error instanceof ProfileNotAvailable) return false;
      throw error;
    }
  }
}
