import { EventSourcedAggregate, streamName } from '@blocx/event-sourcing';
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
import {
  FIELD_NAMES,
  patched,
  ProfileDraft,
  ProfilePatch,
  ProfileSettings,
  withDefaults,
} from './profile-settings';
import { validSettings } from './profile-settings.rules';

export const PROFILE_STREAM_CATEGORY = 'messagingProfile';

export function messagingProfileStream(profileId: string): string {
  return streamName(PROFILE_STREAM_CATEGORY, profileId);
}

type Status = 'none' | 'active' | 'deleted';

/** A number's place in a move: which number, which move. */
export interface NumberStep {
  accountId: string;
  phoneNumber: string;
  moveId: string;
}

/**
 * A messaging profile: its settings and the numbers attached to it. A deleted profile takes no
 * command (a detach of a number it does not hold is still a harmless no-op, for the saga's sake).
 */
export class MessagingProfile extends EventSourcedAggregate {
  private status: Status = 'none';
  profileId = '';
  accountId = '';
  settings: ProfileSettings | undefined;
  readonly numbers = new Set<string>();

  create(profileId: string, accountId: string, draft: ProfileDraft, at: Date): void {
    if (this.status !== 'none') throw new ProfileAlreadyExists(profileId);
    const settings = validSettings(withDefaults(draft));
    this.apply(
      new MessagingProfileCreated({ profileId, accountId, settings, createdAt: at.toISOString() }),
    );
  }

  /** Applies the fields the patch sets; records only those whose value really changes. */
  update(accountId: string, patch: ProfilePatch, at: Date): void {
    const current = this.activeSettings(accountId);
    const touched = new Set(
      Object.keys(patch).filter((key) => patch[key as keyof ProfilePatch] !== undefined),
    );
    const next = validSettings(patched(current, patch), touched);
    const changes = changedFields(current, next);
    if (Object.keys(changes).length === 0) return;
    this.apply(
      new MessagingProfileUpdated({
        profileId: this.profileId,
        accountId,
        changes,
        updatedAt: at.toISOString(),
      }),
    );
  }

  delete(accountId: string, at: Date): void {
    this.activeSettings(accountId);
    if (this.numbers.size > 0) throw new ProfileHasNumbers(this.profileId, this.numbers.size);
    this.apply(
      new MessagingProfileDeleted({
        profileId: this.profileId,
        accountId,
        deletedAt: at.toISOString(),
      }),
    );
  }

  /** Idempotent: a number already attached records nothing. */
  attachNumber(step: NumberStep, at: Date): void {
    if (!this.isActiveFor(step.accountId)) throw new ProfileNotAvailable(this.profileIdOf());
    if (this.numbers.has(step.phoneNumber)) return;
    this.apply(
      new NumberAttachedToProfile({
        profileId: this.profileId,
        ...step,
        attachedAt: at.toISOString(),
      }),
    );
  }

  /** Idempotent: a number not attached (here, or to a profile that is gone) records nothing. */
  detachNumber(step: NumberStep, at: Date): void {
    if (!this.isActiveFor(step.accountId) || !this.numbers.has(step.phoneNumber)) return;
    this.apply(
      new NumberDetachedFromProfile({
        profileId: this.profileId,
        ...step,
        detachedAt: at.toISOString(),
      }),
    );
  }

  onMessagingProfileCreated(event: MessagingProfileCreated): void {
    this.status = 'active';
    this.profileId = event.data.profileId;
    this.accountId = event.data.accountId;
    this.settings = event.data.settings;
  }

  onMessagingProfileUpdated(event: MessagingProfileUpdated): void {
    this.settings = { ...(this.settings as ProfileSettings), ...event.data.changes };
  }

  onNumberAttachedToProfile(event: NumberAttachedToProfile): void {
    this.numbers.add(event.data.phoneNumber);
  }

  onNumberDetachedFromProfile(event: NumberDetachedFromProfile): void {
    this.numbers.delete(event.data.phoneNumber);
  }

  onMessagingProfileDeleted(): void {
    this.status = 'deleted';
  }

  private isActiveFor(accountId: string): boolean {
    return this.status === 'active' && this.accountId === accountId;
  }

  /** The settings of a live profile of this account; anything else is a 404, never a hint. */
  private activeSettings(accountId: string): ProfileSettings {
    if (!this.isActiveFor(accountId) || this.settings === undefined) {
      throw new MessagingProfileNotFound(this.profileIdOf());
    }
    return this.settings;
  }

  /** The id for an error message: from the events, or from the stream name before the first. */
  private profileIdOf(): string {
    return this.profileId || this.streamId.slice(PROFILE_STREAM_CATEGORY.length + 1);
  }
}

/** The top-level fields of `next` that differ from `current` (values compared as JSON). */
function changedFields(current: ProfileSettings, next: ProfileSettings): Partial<ProfileSettings> {
  const keys = Object.keys(FIELD_NAMES) as (keyof ProfileSettings)[];
  return Object.fromEntries(
    keys
      .filter((key) => JSON.stringify(current[key]) !== JSON.stringify(next[key]))
      .map((key) => [key, next[key]]),
  ) as Partial<ProfileSettings>;
}
