import { Injectable } from '@nestjs/common';
import { UnchangedStream } from '@blocx/event-sourcing';
import { E164, RuleViolation } from '@blocx/platform';
import { sendingLineViolation } from '../domain/sending-rules';
import { ProfileRules } from '../domain/profile-rules';
import { NumberLines } from './number-lines';
import { SendingProfiles } from './sending-profiles';

/** The number and profile rules of a send, as the log says now. */
@Injectable()
export class SendingLines {
  constructor(
    private readonly numbers: NumberLines,
    private readonly profiles: SendingProfiles,
  ) {}

  /**
   * Before queuing: the number's current profile's rules; throws the first violation. The profile
   * the number was last seen on is read beside the number (one round trip for both); only when
   * the number has moved since is its new profile read after it.
   */
  async check(accountId: string, from: E164, to: E164): Promise<ProfileRules> {
    const seenOn = this.numbers.known(from)?.state?.profileId ?? undefined;
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
    return profile as ProfileRules;
  }

  /**
   * The same rules decided on what this process last read of the number and its profile, with
   * the streams a conditional append must find unchanged for the decision to hold; undefined
   * when either was not read here yet or the rules refuse (the read path then reports why).
   */
  known(
    accountId: string,
    from: E164,
    to: E164,
  ): { rules: ProfileRules; unchanged: UnchangedStream[] } | undefined {
    const number = this.numbers.known(from);
    const profileId = number?.state?.accountId === accountId ? number.state.profileId : null;
    if (number === undefined || profileId === null) return undefined;
    const profile = this.profiles.known(accountId, profileId);
    if (profile === undefined) return undefined;
    const violation = sendingLineViolation({
      accountId,
      from,
      to,
      number: number.state,
      allowedCountries: profile.rules.allowedCountries,
    });
    if (violation !== undefined) return undefined;
    return { rules: profile.rules, unchanged: [number.seen, profile.seen] };
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
}
