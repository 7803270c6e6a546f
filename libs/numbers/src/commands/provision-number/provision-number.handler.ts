import { CommandHandler, ICommandHandler, QueryBus } from '@nestjs/cqrs';
import {
  AggregateRepository,
  InjectAggregateRepository,
  ReadModelWaiter,
} from '@blocx/event-sourcing';
import { Clock, E164 } from '@blocx/platform';
import { PhoneNumber } from '../../domain/phone-number.aggregate';
import { InvalidPhoneNumber } from '../../domain/phone-number.errors';
import { PHONE_NUMBERS_PROJECTION } from '../../projections/phone-numbers.projection';
import { GetPhoneNumber } from '../../queries/get-phone-number/get-phone-number.query';
import { PhoneNumberView } from '../../queries/views';
import { ProvisionNumber } from './provision-number.command';

@CommandHandler(ProvisionNumber)
export class ProvisionNumberHandler implements ICommandHandler<ProvisionNumber> {
  constructor(
    @InjectAggregateRepository(PhoneNumber)
    private readonly numbers: AggregateRepository<PhoneNumber>,
    private readonly waiter: ReadModelWaiter,
    private readonly queries: QueryBus,
    private readonly clock: Clock,
  ) {}

  async execute({ accountId, phoneNumber }: ProvisionNumber): Promise<PhoneNumberView> {
    const number = E164.parse(phoneNumber);
    if (number === undefined) throw new InvalidPhoneNumber();
    // Two accounts racing for one number both append at `no_stream`: the loser retries, finds
    // the number provisioned and answers 409 number_already_exists.
    const { position } = await this.numbers.execute(
      PhoneNumber.stream(number),
      (n) => n.provision(number, accountId, this.clock.now()),
      { account_id: accountId },
    );
    await this.waiter.waitFor(position, [PHONE_NUMBERS_PROJECTION]);
    return this.queries.execute(new GetPhoneNumber({ accountId, phoneNumber: number.value }));
  }
}
