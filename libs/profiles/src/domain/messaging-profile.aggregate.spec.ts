import { given } from '@blocx/event-sourcing';
import { MessagingProfile } from './messaging-profile.aggregate';
import {
  MessagingProfileNotFound,
  ProfileAlreadyExists,
  ProfileHasNumbers,
  ProfileNotAvailable,
} from './messaging-profile.errors';
import {
  MessagingProfileCreated,
  MessagingProfileDeleted,
  MessagingProfileUpdated,
  NumberAttachedToProfile,
  NumberDetachedFromProfile,
} from './messaging-profile.events';
import { DEFAULT_SETTINGS } from './profile-settings';
import { InvalidProfileSettings } from './profile-settings.rules';

const at = new Date('2025-03-04T05:06:07.089Z');
const later = new Date('2025-03-05T00:00:00.000Z');
const profileId = '0b5e3c8e-1d2f-4a6b-8c9d-0e1f2a3b4c5d';
const accountId = 'acc-1';
const stream = `messagingProfile-${profileId}`;
const settings = { ...DEFAULT_SETTINGS, name: 'Support' };
const created = new MessagingProfileCreated({
  profileId,
  accountId,
  settings,
  createdAt: at.toISOString(),
});
const step = { accountId, phoneNumber: '+15551234567', moveId: 'move-1' };
const attached = new NumberAttachedToProfile({
  profileId,
  ...step,
  attachedAt: at.toISOString(),
});
const deleted = new MessagingProfileDeleted({ profileId, accountId, deletedAt: at.toISOString() });

const profile = (...history: Parameters<typeof given>[1]) =>
  given(MessagingProfile, history, stream);

describe('MessagingProfile', () => {
  describe('create', () => {
    it('records the profile with the defaults filled in', () => {
      profile()
        .when((p) => p.create(profileId, accountId, { name: 'Support' }, at))
        .then([created]);
    });

    it('records the given settings, keywords and countries upper-case', () => {
      profile()
        .when((p) =>
          p.create(
            profileId,
            accountId,
            {
              name: 'Brand',
              webhookUrl: 'https://example.com/hooks',
              allowedCountries: ['us', 'CA'],
              optOut: { keywords: ['stop', 'opt out'] },
              webhookEvents: ['message.received'],
            },
            at,
          ),
        )
        .then([
          new MessagingProfileCreated({
            profileId,
            accountId,
            settings: {
              ...settings,
              name: 'Brand',
              webhookUrl: 'https://example.com/hooks',
              allowedCountries: ['US', 'CA'],
              optOut: { ...settings.optOut, keywords: ['STOP', 'OPT OUT'] },
              webhookEvents: ['message.received'],
            },
            createdAt: at.toISOString(),
          }),
        ]);
    });

    it('refuses settings that break a rule', () => {
      profile()
        .when((p) => p.create(profileId, accountId, { name: '' }, at))
        .thenThrows(InvalidProfileSettings);
    });

    it('refuses a second create on the same stream', () => {
      profile(created)
        .when((p) => p.create(profileId, accountId, { name: 'Again' }, at))
        .thenThrows(ProfileAlreadyExists);
    });
  });

  describe('update', () => {
    it('records only the fields that change', () => {
      profile(created)
        .when((p) =>
          p.update(accountId, { name: 'Support', webhookUrl: 'https://h.example/x' }, later),
        )
        .then([
          new MessagingProfileUpdated({
            profileId,
            accountId,
            changes: { webhookUrl: 'https://h.example/x' },
            updatedAt: later.toISOString(),
          }),
        ]);
    });

    it('records a part of keyword handling as the whole new value', () => {
      profile(created)
        .when((p) => p.update(accountId, { help: { keywords: ['info', 'help'] } }, later))
        .then([
          new MessagingProfileUpdated({
            profileId,
            accountId,
            changes: { help: { keywords: ['INFO', 'HELP'], message: settings.help.message } },
            updatedAt: later.toISOString(),
          }),
        ]);
    });

    it('records nothing when nothing changes (keywords compared upper-case)', () => {
      profile(created)
        .when((p) =>
          p.update(accountId, { name: 'Support', optOut: { keywords: ['stop'] } }, later),
        )
        .then([]);
    });

    it('clears a URL with null', () => {
      const withUrl = new MessagingProfileUpdated({
        profileId,
        accountId,
        changes: { webhookUrl: 'https://h.example/x' },
        updatedAt: at.toISOString(),
      });
      profile(created, withUrl)
        .when((p) => p.update(accountId, { webhookUrl: null }, later))
        .then([
          new MessagingProfileUpdated({
            profileId,
            accountId,
            changes: { webhookUrl: null },
            updatedAt: later.toISOString(),
          }),
        ]);
    });

    it('refuses a keyword that another list already holds', () => {
      profile(created)
        .when((p) => p.update(accountId, { optIn: { keywords: ['stop'] } }, later))
        .thenThrows(
          (e) =>
            e instanceof InvalidProfileSettings &&
            e.problems[0].code === 'keyword_conflict' &&
            JSON.stringify(e.problems[0].source) === '{"pointer":"/opt_in/keywords/0"}',
        );
    });

    it('is a 404 for another account, an unknown or a deleted profile', () => {
      profile(created)
        .when((p) => p.update('acc-2', { name: 'X' }, later))
        .thenThrows(MessagingProfileNotFound);
      profile()
        .when((p) => p.update(accountId, { name: 'X' }, later))
        .thenThrows(MessagingProfileNotFound);
      profile(created, deleted)
        .when((p) => p.update(accountId, { name: 'X' }, later))
        .thenThrows(MessagingProfileNotFound);
    });
  });

  describe('delete', () => {
    it('records the deletion of a profile without numbers', () => {
      profile(created)
        .when((p) => p.delete(accountId, later))
        .then([
          new MessagingProfileDeleted({ profileId, accountId, deletedAt: later.toISOString() }),
        ]);
    });

    it('refuses while a number is attached, and allows it once detached', () => {
      profile(created, attached)
        .when((p) => p.delete(accountId, later))
        .thenThrows((e) => e instanceof ProfileHasNumbers && e.code === 'profile_has_numbers');
      const detached = new NumberDetachedFromProfile({
        profileId,
        ...step,
        detachedAt: at.toISOString(),
      });
      profile(created, attached, detached)
        .when((p) => p.delete(accountId, later))
        .then([
          new MessagingProfileDeleted({ profileId, accountId, deletedAt: later.toISOString() }),
        ]);
    });

    it('is a 404 for another account, an unknown or an already deleted profile', () => {
      profile(created)
        .when((p) => p.delete('acc-2', later))
        .thenThrows(MessagingProfileNotFound);
      profile()
        .when((p) => p.delete(accountId, later))
        .thenThrows(MessagingProfileNotFound);
      profile(created, deleted)
        .when((p) => p.delete(accountId, later))
        .thenThrows(MessagingProfileNotFound);
    });
  });

  describe('attach a number', () => {
    it('records the attachment with its move', () => {
      profile(created)
        .when((p) => p.attachNumber(step, at))
        .then([attached]);
    });

    it('records nothing when the number is already attached (idempotent)', () => {
      profile(created, attached)
        .when((p) => p.attachNumber({ ...step, moveId: 'move-2' }, later))
        .then([]);
    });

    it('refuses an unknown, deleted or other account profile with ProfileNotAvailable', () => {
      profile()
        .when((p) => p.attachNumber(step, at))
        .thenThrows(ProfileNotAvailable);
      profile(created, deleted)
        .when((p) => p.attachNumber(step, at))
        .thenThrows(ProfileNotAvailable);
      profile(created)
        .when((p) => p.attachNumber({ ...step, accountId: 'acc-2' }, at))
        .thenThrows(
          (e) => e instanceof ProfileNotAvailable && e.code === 'messaging_profile_not_found',
        );
    });
  });

  describe('detach a number', () => {
    it('records the detachment', () => {
      profile(created, attached)
        .when((p) => p.detachNumber({ ...step, moveId: 'move-2' }, later))
        .then([
          new NumberDetachedFromProfile({
            profileId,
            ...step,
            moveId: 'move-2',
            detachedAt: later.toISOString(),
          }),
        ]);
    });

    it('records nothing for a number not attached, or a profile unknown or deleted', () => {
      profile(created)
        .when((p) => p.detachNumber(step, at))
        .then([]);
      profile()
        .when((p) => p.detachNumber(step, at))
        .then([]);
      profile(created, deleted)
        .when((p) => p.detachNumber(step, at))
        .then([]);
    });
  });
});
