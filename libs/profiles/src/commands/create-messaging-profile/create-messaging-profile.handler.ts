import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AggregateRepository, InjectAggregateRepository } from '@blocx/event-sourcing';
import { Clock } from '@blocx/platform';
import { MessagingProfile, messagingProfileStream } from '../../domain/messaging-profile.aggregate';
import { CreateMessagingProfile, ProfileCreated } from './create-messaging-profile.command';

@CommandHandler(CreateMessagingProfile)
export class CreateMessagingProfileHandler implements ICommandHandler<CreateMessagingProfile> {
  constructor(
    @InjectAggregateRepository(MessagingProfile)
    private readonly profiles: AggregateRepository<MessagingProfile>,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreateMessagingProfile): Promise<ProfileCreated> {
    const profileId = command.profileId ?? randomUUID();
    const { position } = await this.profiles.execute(
      messagingProfileStream(profileId),
      (profile) => profile.create(profileId, command.accountId, command.settings, this.clock.now()),
      { ...command.metadata, account_id: command.accountId },
    );
    return { profileId, position };
  }
}
