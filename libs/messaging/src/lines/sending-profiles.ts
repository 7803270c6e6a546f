import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  EventRegistry,
  EventStore,
  streamName,
  StreamFolds,
  UnchangedStream,
} from '@blocx/event-sourcing';
import {
  GetMessagingProfile,
  MessagingProfileNotFound,
  MessagingProfileView,
} from '@blocx/profiles';
import { foldProfileRules, ProfileRules } from '../domain/profile-rules';

/** The sending rules of messaging profiles, as the log says now. */
@Injectable()
export class SendingProfiles {
  private readonly rules: StreamFolds<ProfileRules>;

  constructor(store: EventStore, registry: EventRegistry) {
    this.rules = new StreamFolds(store, registry, foldProfileRules);
  }

  /**
   * The account's live profile's sending rules as its stream in the event log says now, like the
   * number's line: an edit of the allowed countries or a deletion applies to the next send at
   * once, on every instance, without waiting for the profiles read model. Undefined when it is
   * deleted, unknown or another account's.
   */
  async current(accountId: string, profileId: string): Promise<ProfileRules | undefined> {
    const rules = await this.rules.current(streamName('messagingProfile', profileId));
    return rules?.accountId === accountId ? rules : undefined;
  }

  /** The rules as last read here (if the account's), and the revision they are as of. */
  known(
    accountId: string,
    profileId: string,
  ): { rules: ProfileRules; seen: UnchangedStream } | undefined {
    const kept = this.rules.known(streamName('messagingProfile', profileId));
    if (kept?.state?.accountId !== accountId) return undefined;
    return { rules: kept.state, seen: kept.seen };
  }
}

/**
 * The profile's whole settings (webhooks, keywords), from its read model; undefined once it is
 * deleted. A plain function, not a provider: the processors that need it get only the bus.
 */
export async function profileSettings(
  queries: QueryBus,
  accountId: string,
  profileId: string,
): Promise<MessagingProfileView | undefined> {
  try {
    return await queries.execute<GetMessagingProfile, MessagingProfileView>(
      new GetMessagingProfile({ accountId, profileId }),
    );
  } catch (error) {
    if (error instanceof MessagingProfileNotFound) return undefined;
    throw error;
  }
}
