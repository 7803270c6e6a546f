import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  GetMessagingProfile,
  MessagingProfileNotFound,
  MessagingProfileView,
} from '@blocx/profiles';
import { E164, RuleViolation } from '@blocx/platform';
import { NumberLine } from '../domain/number-line';
import { sendingLineViolation } from '../domain/sending-rules';
import { ProfileRules } from '../domain/profile-rules';
import { NumberLines } from './number-lines';
import { SendingProfiles } from './profile-rules';

export interface CheckedLine {
  number: NumberLine;
  profile: ProfileRules;
}

/** The number and profile rules of a send, as the log says now. */
@Injectable()
export class SendingLines {
  constructor(
    private readonly numbers: NumberLines,
    private readonly profiles: SendingProfiles,
    private readonly queries: QueryBus,
  ) {}

  /**
   * Before queuing: the number's current profile rules; throws the first violation. The profile
   * the number was last seen on is read beside the number (one round trip for both); only when
   * the number has moved since is its new profile read after it.
   */
  async check(accountId: string, from: E164, to: E164): Promise<CheckedLine> {
    const seenOn = this.numbers.lastKnown(from)?.profileId ?? undefined;
    const [number, profileSeenOn] = await Promise.all([
      this.numbers.current(from),
      seenOn === undefined ? undefined : this.profiles.current(accountId, seenOn),
    ]);
    const profileId = number?.accountId === accountId ? number.profileId : null;
    const profile =
      profileId === null
        ? undefined
        : profileId === seenOn
          ? profileSeenOn
          : await this.profiles.current(accountId, profileId);
    const violation = sendingLineViolation({
      accountId,
      from,
      to,
      number,
      allowedCountries: profile?.allowedCountries ?? [],
    });
    if (violation !== undefined) throw violation;
    return { number: number as NumberLine, profile: profile as ProfileRules };
  }

  /**
   * The final gate's line rules: the number still the account's, the profile the message was
   * sent under (it keeps it when the number moves) still allowing the destination, the campaign
   * still attached.
   */
  async recheck(
    accountId: string,
    profileId: string,
    from: E164,
    to: E164,
  ): Promise<RuleViolation | undefined> {
    const [number, profile] = await Promise.all([
      this.numbers.current(from),
      this.profiles.current(accountId, profileId),
    ]);
    return sendingLineViolation({
      accountId,
      from,
      to,
      number: number && { ...number, profileId },
      allowedCountries: profile?.allowedCountries ?? [],
    });
  }

  /** The profile's whole settings, from its read model; undefined once it is deleted. */
  async profile(accountId: string, profileId: string): Promise<MessagingProfileView | undefined> {
    try {
      return await this.queries.execute(new GetMessagingProfile({ accountId, profileId }));
    } catch (error) {
      if (error instanceof MessagingProfileNotFound) return undefined;
      throw error;
    }
  }
}
