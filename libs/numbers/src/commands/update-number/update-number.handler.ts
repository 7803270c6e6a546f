import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler, QueryBus } from '@nestjs/cqrs';
import { AggregateRepository, InjectAggregateRepository } from '@blocx/event-sourcing';
import { GetMessagingProfile, MessagingProfileNotFound } from '@blocx/profiles';
import { Clock, E164, RuleViolation } from '@blocx/platform';
import { Campaign, CampaignStanding } from '../../domain/campaign.aggregate';
import { isUuid } from '../../domain/campaign.errors';
import { PhoneNumber } from '../../domain/phone-number.aggregate';
import { NumberNotFound } from '../../domain/phone-number.errors';
import { NumberMoveFailed } from '../../domain/phone-number.events';
import { GetPhoneNumber } from '../../queries/get-phone-number/get-phone-number.query';
import { PhoneNumberView } from '../../queries/views';
import { MoveSettlements } from '../../sagas/move-settlements';
import { UpdateNumber } from './update-number.command';

export class ProfileNotAssignable extends RuleViolation {
  constructor(profileId: string) {
    super(
      'messaging_profile_not_found',
      `No messaging profile ${profileId} exists in this account`,
      '/messaging_profile_id',
    );
  }
}

@CommandHandler(UpdateNumber)
export class UpdateNumberHandler implements ICommandHandler<UpdateNumber> {
  constructor(
    @InjectAggregateRepository(PhoneNumber)
    private readonly numbers: AggregateRepository<PhoneNumber>,
    @InjectAggregateRepository(Campaign) private readonly campaigns: AggregateRepository<Campaign>,
    private readonly settlements: MoveSettlements,
    private readonly queries: QueryBus,
    private readonly clock: Clock,
  ) {}

  async execute(command: UpdateNumber): Promise<PhoneNumberView> {
    const { accountId, messagingProfileId: target, campaignId } = command;
    const number = E164.parse(command.phoneNumber);
    if (number === undefined) throw new NumberNotFound(command.phoneNumber);
    if (typeof target === 'string') await this.checkProfile(accountId, target);
    const campaign = typeof campaignId === 'string' ? await this.standing(campaignId) : undefined;
    const streamId = PhoneNumber.stream(number);
    const moveId = randomUUID();
    const at = this.clock.now();
    const { result: awaited, position } = await this.numbers.execute(
      streamId,
      (n) => {
        n.assertHeldBy(accountId);
        if (campaignId === null) n.detachCampaign(accountId, at);
        else if (campaignId !== undefined) n.attachCampaign(accountId, campaignId, campaign, at);
        return target === undefined ? undefined : n.requestMove(accountId, moveId, target, at);
      },
      { account_id: accountId, correlation_id: moveId },
    );
    const moves = awaited === undefined ? [] : [{ streamId, moveId: awaited }];
    const settled = await this.settlements.settle(moves, position);
    const outcome = awaited === undefined ? undefined : settled.get(awaited);
    if (outcome instanceof NumberMoveFailed) throw new ProfileNotAssignable(outcome.data.profileId);
    return this.queries.execute(new GetPhoneNumber({ accountId, phoneNumber: number.value }));
  }

  private async checkProfile(accountId: string, profileId: string): Promise<void> {
    try {
      await this.queries.execute(new GetMessagingProfile({ accountId, profileId }));
    } catch (error) {
      if (error instanceof MessagingProfileNotFound) throw new ProfileNotAssignable(profileId);
      throw error;
    }
  }

  /** The campaign as the number's rule needs it; undefined when it does not exist. */
  private async standing(campaignId: string): Promise<CampaignStanding | undefined> {
    if (!isUuid(campaignId)) return undefined;
    return (await this.campaigns.load(Campaign.stream(campaignId))).standing();
  }
}
