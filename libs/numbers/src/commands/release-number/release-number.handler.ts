import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRepository, InjectAggregateRepository } from '@blocx/event-sourcing';
import { Clock, E164 } from '@blocx/platform';
import { PhoneNumber } from '../../domain/phone-number.aggregate';
import { NumberNotFound } from '../../domain/phone-number.errors';
import { MoveSettlements } from '../../sagas/move-settlements';
import { ReleaseNumber } from './release-number.command';

@CommandHandler(ReleaseNumber)
export class ReleaseNumberHandler implements ICommandHandler<ReleaseNumber> {
  constructor(
    @InjectAggregateRepository(PhoneNumber)
    private readonly numbers: AggregateRepository<PhoneNumber>,
    private readonly settlements: MoveSettlements,
    private readonly clock: Clock,
  ) {}

  async execute({ accountId, phoneNumber }: ReleaseNumber): Promise<void> {
    const number = E164.parse(phoneNumber);
    if (number === undefined) throw new NumberNotFound(phoneNumber);
    const streamId = PhoneNumber.stream(number);
    const moveId = randomUUID();
    const { result: leaving, position } = await this.numbers.execute(
      streamId,
      (n) => n.release(accountId, moveId, this.clock.now()),
      { account_id: accountId, correlation_id: moveId },
    );
    await this.settlements.settle(leaving ? [{ streamId, moveId: leaving }] : [], position);
  }
}
