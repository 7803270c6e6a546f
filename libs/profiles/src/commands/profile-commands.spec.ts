import {
  AggregateRepository,
  EventRegistry,
  InMemoryEventStore,
  WrongExpectedVersion,
} from '@blocx/event-sourcing';
import { Clock } from '@blocx/platform';
import { MessagingProfile } from '../domain/messaging-profile.aggregate';
import { MessagingProfileNotFound, ProfileNotAvailable } from '../domain/messaging-profile.errors';
import { messagingProfileEvents } from '../domain/messaging-profile.events';
import { AttachNumberToProfile } from './attach-number-to-profile/attach-number-to-profile.command';
import { AttachNumberToProfileHandler } from './attach-number-to-profile/attach-number-to-profile.handler';
import { CreateMessagingProfile } from './create-messaging-profile/create-messaging-profile.command';
import { CreateMessagingProfileHandler } from './create-messaging-profile/create-messaging-profile.handler';
import { DeleteMessagingProfile } from './delete-messaging-profile/delete-messaging-profile.command';
import { DeleteMessagingProfileHandler } from './delete-messaging-profile/delete-messaging-profile.handler';
import { DetachNumberFromProfile } from './detach-number-from-profile/detach-number-from-profile.command';
import { DetachNumberFromProfileHandler } from './detach-number-from-profile/detach-number-from-profile.handler';
import { UpdateMessagingProfile } from './update-messaging-profile/update-messaging-profile.command';
import { UpdateMessagingProfileHandler } from './update-messaging-profile/update-messaging-profile.handler';

const now = new Date('2025-06-07T08:09:10.111Z');
const clock: Clock = { now: () => now };
const accountId = 'acc-1';

function setup() {
  const store = new InMemoryEventStore();
  const registry = new EventRegistry();
  registry.register(...messagingProfileEvents);
  const repository = new AggregateRepository(MessagingProfile, store, registry);
  return {
    store,
    create: new CreateMessagingProfileHandler(repository, clock),
    update: new UpdateMessagingProfileHandler(repository, clock),
    remove: new DeleteMessagingProfileHandler(repository, clock),
    attach: new AttachNumberToProfileHandler(repository, clock),
    detach: new DetachNumberFromProfileHandler(repository, clock),
  };
}

describe('profile command handlers', () => {
  it('create appends to messagingProfile-<id> with the account and the times of the clock', async () => {
    const { store, create } = setup();
    const { profileId, position } = await create.execute(
      new CreateMessagingProfile({
        accountId,
        settings: { name: 'Support' },
        metadata: { correlation_id: 'corr-1' },
      }),
    );
    expect(position).toEqual(await store.headPosition());
    const [created] = await store.readStream(`messagingProfile-${profileId}`);
    expect(created.type).toBe('MessagingProfileCreated');
    expect(created.data).toMatchObject({ profileId, accountId, createdAt: now.toISOString() });
    expect(created.metadata).toMatchObject({ correlation_id: 'corr-1', account_id: accountId });
  });

  it('a create with a taken id is refused', async () => {
    const { create } = setup();
    const { profileId } = await create.execute(
      new CreateMessagingProfile({ accountId, settings: { name: 'A' } }),
    );
    await expect(
      create.execute(new CreateMessagingProfile({ accountId, profileId, settings: { name: 'B' } })),
    ).rejects.toMatchObject({ status: 409, code: 'messaging_profile_already_exists' });
  });

  it('attach and detach carry the saga metadata and are idempotent', async () => {
    const { store, create, attach, detach } = setup();
    const { profileId } = await create.execute(
      new CreateMessagingProfile({ accountId, settings: { name: 'Support' } }),
    );
    const step = { accountId, profileId, phoneNumber: '+15551230000', moveId: 'move-1' };
    const metadata = { correlation_id: 'move-1', causation_id: 'event-9' };
    expect(await attach.execute(new AttachNumberToProfile({ ...step, metadata }))).toBeDefined();
    expect(await attach.execute(new AttachNumberToProfile({ ...step, metadata }))).toBeUndefined();
    expect(await detach.execute(new DetachNumberFromProfile({ ...step, metadata }))).toBeDefined();
    expect(
      await detach.execute(new DetachNumberFromProfile({ ...step, metadata })),
    ).toBeUndefined();
    const events = await store.readStream(`messagingProfile-${profileId}`);
    expect(events.map((event) => event.type)).toEqual([
      'MessagingProfileCreated',
      'NumberAttachedToProfile',
      'NumberDetachedFromProfile',
    ]);
    expect(events[1].metadata).toMatchObject({ ...metadata, account_id: accountId });
    expect(events[1].data).toMatchObject({ phoneNumber: '+15551230000', moveId: 'move-1' });
  });

  it('ids that are not uuids name no profile: 404, ProfileNotAvailable, or a no-op detach', async () => {
    const { store, update, remove, attach, detach } = setup();
    const profileId = 'not-a-uuid';
    await expect(
      update.execute(new UpdateMessagingProfile({ accountId, profileId, patch: { name: 'x' } })),
    ).rejects.toBeInstanceOf(MessagingProfileNotFound);
    await expect(
      remove.execute(new DeleteMessagingProfile({ accountId, profileId })),
    ).rejects.toBeInstanceOf(MessagingProfileNotFound);
    const step = { accountId, profileId, phoneNumber: '+15551230000', moveId: 'm' };
    await expect(attach.execute(new AttachNumberToProfile(step))).rejects.toBeInstanceOf(
      ProfileNotAvailable,
    );
    expect(await detach.execute(new DetachNumberFromProfile({ ...step, profileId: '' }))).toBe(
      undefined,
    );
    expect(await store.headPosition()).toEqual({ commit: 0n, prepare: 0n });
  });

  it('an attach racing a delete ends with one of them refused, never both recorded', async () => {
    const { store, create, remove, attach } = setup();
    const { profileId } = await create.execute(
      new CreateMessagingProfile({ accountId, settings: { name: 'Support' } }),
    );
    const step = { accountId, profileId, phoneNumber: '+15551230000', moveId: 'm' };
    const outcomes = await Promise.allSettled([
      remove.execute(new DeleteMessagingProfile({ accountId, profileId })),
      attach.execute(new AttachNumberToProfile(step)),
    ]);
    const types = (await store.readStream(`messagingProfile-${profileId}`)).map((e) => e.type);
    expect(types).toHaveLength(2);
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).not.toBeInstanceOf(WrongExpectedVersion);
  });
});
