import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler, QueryBus } from '@nestjs/cqrs';
import {
  AggregateRepository,
  compareLogPositions,
  InjectAggregateRepository,
  LogPosition,
} from '@blocx/event-sourcing';
import { GetMessagingProfile, MessagingProfileNotFound } from '@blocx/profiles';
import { Clock, E164, RuleViolation } from '@blocx/platform';
import { PhoneNumber } from '../../domain/phone-number.aggregate';
import { InvalidPhoneNumber } from '../../domain/phone-number.errors';
import { NumberMoveFailed } from '../../domain/phone-number.events';
import { AwaitedMove, MoveSettlements } from '../../sagas/move-settlements';
import { AssignNumbersToProfile, NumberAssignment } from './assign-numbers-to-profile.command';

@CommandHandler(AssignNumbersToProfile)
export class AssignNumbersToProfileHandler implements ICommandHandler<AssignNumbersToProfile> {
  constructor(
    @InjectAggregateRepository(PhoneNumber)
    private readonly numbers: AggregateRepository<PhoneNumber>,
    private readonly settlements: MoveSettlements,
    private readonly queries: QueryBus,
    private readonly clock: Clock,
  ) {}

  async execute(command: AssignNumbersToProfile): Promise<NumberAssignment[]> {
    const { accountId, profileId } = command;
    await this.queries.execute(new GetMessagingProfile({ accountId, profileId }));
    const numbers = await this.checkAll(command);
    const correlationId = randomUUID();
    const at = this.clock.now();
    const moves: Array<AwaitedMove | undefined> = [];
    let written: LogPosition | undefined;
    for (const number of numbers) {
      const streamId = PhoneNumber.stream(number);
      const { result, position } = await this.numbers.execute(
        streamId,
        (n) => n.requestMove(accountId, randomUUID(), profileId, at),
        { account_id: accountId, correlation_id: correlationId },
      );
      moves.push(result === undefined ? undefined : { streamId, moveId: result });
      if (position && (!written || compareLogPositions(position, written) > 0)) written = position;
    }
    const settled = await this.settlements.settle(moves.filter(isMove), written);
    return numbers.map((number, index) => {
      const outcome = settled.get(moves[index]?.moveId ?? '');
      // A profile deleted meanwhile takes none of the numbers (its delete waits for none).
      if (outcome instanceof NumberMoveFailed) throw new MessagingProfileNotFound(profileId);
      const previous = outcome === undefined ? profileId : outcome.data.previousProfileId;
      return {
        phoneNumber: number.value,
        messagingProfileId: profileId,
        previousMessagingProfileId: previous,
      };
    });
  }

  /** Every number valid, listed once and held by the account, before anything moves. */
  private async checkAll({ accountId, phoneNumbers }: AssignNumbersToProfile): Promise<E164[]> {
    const seen = new Set<string>();
    const numbers = phoneNumbers.map((raw, index) => {
      const number = E164.parse(raw);
      if (number === undefined) throw new InvalidPhoneNumber(`/phone_numbers/${index}`);
      if (seen.has(number.value)) {
        throw new RuleViolation(
          'duplicate_phone_number',
          `${number.value} is listed more than once`,
          `/phone_numbers/${index}`,
        );
      }
      seen.add(number.value);
      return number;
    });
    const loaded = await Promise.all(numbers.map((n) => this.numbers.load(PhoneNumber.stream(n))));
    loaded.forEach((number, index) => {
      if (!number.isHeldBy(accountId)) {
        throw new RuleViolation(
          'number_not_found',
          `No number ${numbers[index].value} exists in this account`,
          `/phone_numbers/${index}`,
        );
      }
    });
    return numbers;
  }
}

function isMove(move: AwaitedMove | undefined): move is AwaitedMove {
  return move !== undefined;
}
