import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRepository, InjectAggregateRepository, LogPosition } from '@blocx/event-sourcing';
import { Clock } from '@blocx/platform';
import { MessagingProfile, messagingProfileStream } from '../../domain/messaging-profile.aggregate';
import { MessagingProfileNotFound } from '../../domain/messaging-profile.errors';
import { isProfileId } from '../../domain/profile-id';
import { DeleteMessagingProfile } from './delete-messaging-profile.command';

@CommandHandler(DeleteMessagingProfile)
export class DeleteMessagingProfileHandler implements ICommandHandler<DeleteMessagingProfile> {
  constructor(
    @InjectAggregateRepository(MessagingProfile)
    private readonly profiles: AggregateRepository<MessagingProfile>,
    private readonly clock: Clock,
  ) {}

  async execute(command: DeleteMessagingProfile): Promise<LogPosition | undefined> {
    if (!isProfileId(command.profileId)) throw new MessagingProfileNotFound(command.profileId);
    const { position } = await this.profiles.execute(
      messagingProfileStream(command.profileId),
      (profile) => profile.delete(command.accountId, this.clock.now()),
      { ...command.metadata, account_id: command.accountId },
    );
    return position;
  }
}
