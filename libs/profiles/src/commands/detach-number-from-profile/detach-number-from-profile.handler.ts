import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRepository, InjectAggregateRepository, LogPosition } from '@blocx/event-sourcing';
import { Clock } from '@blocx/platform';
import { MessagingProfile, messagingProfileStream } from '../../domain/messaging-profile.aggregate';
import { isProfileId } from '../../domain/profile-id';
import { DetachNumberFromProfile } from './detach-number-from-profile.command';

@CommandHandler(DetachNumberFromProfile)
export class DetachNumberFromProfileHandler implements ICommandHandler<DetachNumberFromProfile> {
  constructor(
    @InjectAggregateRepository(MessagingProfile)
    private readonly profiles: AggregateRepository<MessagingProfile>,
    private readonly clock: Clock,
  ) {}

  async execute(command: DetachNumberFromProfile): Promise<LogPosition | undefined> {
    if (!isProfileId(command.profileId)) return undefined;
    const { accountId, phoneNumber, moveId } = command;
    const { position } = await this.profiles.execute(
      messagingProfileStream(command.profileId),
      (profile) => profile.detachNumber({ accountId, phoneNumber, moveId }, this.clock.now()),
      { ...command.metadata, account_id: accountId },
    );
    return position;
  }
}
