import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { AggregateRepository, InjectAggregateRepository } from '@blocx/event-sourcing';
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
    const numbers = parseAll(command.phoneNumbers);
    const streamIds = numbers.map((number) => PhoneNumber.stream(number));
    const at = this.clock.now();
    // One atomic append for all the moves: a number released or moved after it was checked makes
    // the append fail and the whole decision run again, checks included, so all move or none
    // (atomic on the PostgreSQL store; EventStoreDB appends stream by stream, see there).
    const { result: moveIds, position } = await this.numbers.executeAll(
      streamIds,
      (loaded) => {
        loaded.forEach((number, index) =>
          assertInAccount(number, accountId, numbers[index], index),
        );
        return loaded.map((number) => number.requestMove(accountId, randomUUID(), profileId, at));
      },
      { account_id: accountId, correlation_id: randomUUID() },
    );
    const moves: AwaitedMove[] = moveIds.flatMap((moveId, i) =>
      moveId === undefined ? [] : [{ streamId: streamIds[i], moveId }],
    );
    const settled = await this.settlements.settle(moves, position);
    return numbers.map((number, index) => {
      const outcome = settled.get(moveIds[index] ?? '');
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
}

/** Every number valid and listed once, before any is loaded. */
function parseAll(phoneNumbers: string[]): E164[] {
  const seen = new Set<string>();
  return phoneNumbers.map((raw, index) => {
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
}

/** A number of the list that is unknown, released or another account's is a 422 at its index. */
function assertInAccount(number: PhoneNumber, accountId: string, listed: E164, index: number) {
  if (number.isHeldBy(accountId)) return;
  throw new RuleViolation(
    'number_not_found',
    `No number ${listed.value} exists in this account`,
    `/phone_numbers/${index}`,
  );
}
