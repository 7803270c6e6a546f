import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRepository, InjectAggregateRepository, LogPosition } from '@blocx/event-sourcing';
import { Clock } from '@blocx/platform';
import { MessagingProfile, messagingProfileStream } from '../../domain/messaging-profile.aggregate';
import { ProfileNotAvailable } from '../../domain/messaging-profile.errors';
import { isProfileId } from '../../domain/profile-id';
import { AttachNumberToProfile } from './attach-number-to-profile.command';

@CommandHandler(AttachNumberToProfile)
export class AttachNumberToProfileHandler implements ICommandHandler<AttachNumberToProfile> {
  constructor(
    @InjectAggregateRepository(MessagingProfile)
    private readonly profiles: AggregateRepository<MessagingProfile>,
    private readonly clock: Clock,
  ) {}

  async execute(command: AttachNumberToProfile): Promise<LogPosition | undefined> {
    if (!isProfileId(command.profileId)) throw new ProfileNotAvailable(command.profileId);
    const { accountId, phoneNumber, moveId } = command;
    const { position } = await this.profiles.execute(
      messagingProfileStream(command.profileId),
      (profile) => profile.attachNumber({ accountId, phoneNumber, moveId }, this.clock.now()),
      { ...command.metadata, account_id: accountId },
    );
    return position;
  }
}
