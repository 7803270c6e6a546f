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
import { NumberLines } from './number-lines';

export interface CheckedLine {
  number: NumberLine;
  profile: MessagingProfileView;
}

/** The number and profile rules of a send, as they are now. */
@Injectable()
export class SendingLines {
  constructor(
    private readonly numbers: NumberLines,
    private readonly queries: QueryBus,
  ) {}

  /** Before queuing: the number's current profile rules; throws the first violation. */
  async check(accountId: string, from: E164, to: E164): Promise<CheckedLine> {
    const number = await this.numbers.current(from);
    const profile =
      number?.profileId && number.accountId === accountId
        ? await this.profile(accountId, number.profileId)
        : undefined;
    const violation = sendingLineViolation({
      accountId,
      from,
      to,
      number,
      allowedCountries: profile?.allowedCountries ?? [],
    });
    if (violation !== undefined) throw violation;
    return { number: number as NumberLine, profile: profile as MessagingProfileView };
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
      this.profile(accountId, profileId),
    ]);
    return sendingLineViolation({
      accountId,
      from,
      to,
      number: number && { ...number, profileId },
      allowedCountries: profile?.allowedCountries ?? [],
    });
  }

  /** The profile's settings now; undefined once it is deleted. */
  async profile(accountId: string, profileId: string): Promise<MessagingProfileView | undefined> {
    try {
      return await this.queries.execute(new GetMessagingProfile({ accountId, profileId }));
    } catch (error) {
      if (error instanceof MessagingProfileNotFound) return undefined;
      throw error;
    }
  }
}
