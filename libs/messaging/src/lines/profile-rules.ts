import { Injectable } from '@nestjs/common';
import { EventRegistry, EventStore, streamName, StreamFolds } from '@blocx/event-sourcing';
import { foldProfileRules, ProfileRules } from '../domain/profile-rules';

/**
 * A messaging profile's sending rules as its stream in the event log says now, like the number's
 * line: an edit of the allowed countries or a deletion applies to the next send at once, on
 * every instance, without waiting for the profiles read model.
 */
@Injectable()
export class SendingProfiles {
  private readonly profiles: StreamFolds<ProfileRules>;

  constructor(store: EventStore, registry: EventRegistry) {
    this.profiles = new StreamFolds(store, registry, foldProfileRules);
  }

  /** The account's live profile; undefined when it is deleted, unknown or another account's. */
  async current(accountId: string, profileId: string): Promise<ProfileRules | undefined> {
    const rules = await this.profiles.current(streamName('messagingProfile', profileId));
    return rules?.accountId === accountId ? rules : undefined;
  }
}
