import { EventSourcedAggregate, streamName } from '@blocx/event-sourcing';
import { E164, PhoneNumberType } from '@blocx/platform';
import { CampaignStanding } from './campaign.aggregate';
import { CampaignNotAvailable, NumberAlreadyExists, NumberNotFound } from './phone-number.errors';
import {
  CampaignAttachedToNumber,
  CampaignDetachedFromNumber,
  NumberAssignedToProfile,
  NumberMoveFailed,
  NumberMoveRequested,
  NumberProvisioned,
  NumberReleased,
  NumberUnassignedFromProfile,
} from './phone-number.events';

export type PhoneNumberStatus = 'unprovisioned' | 'active' | 'released';

/** A move the saga has not settled yet; `profileId` null moves the number to no profile. */
export interface PendingMove {
  moveId: string;
  profileId: string | null;
  requestedAt: string;
}

/**
 * One phone number on the whole platform (stream `phoneNumber-<digits>`). `profileId` is the
 * profile that holds it as the saga confirmed; a requested move changes it only once the profiles
 * took part, so the number and the profiles' counts never disagree for long.
 */
export class PhoneNumber extends EventSourcedAggregate {
  status: PhoneNumberStatus = 'unprovisioned';
  phoneNumber = '';
  accountId = '';
  type: PhoneNumberType = 'long_code';
  country: string | null = null;
  profileId: string | null = null;
  campaignId: string | null = null;
  pending: PendingMove[] = [];

  static stream(number: E164): string {
    return streamName('phoneNumber', number.digits);
  }

  /** Joins an account. A released number may join any account once its last move has settled. */
  provision(number: E164, accountId: string, at: Date): void {
    if (this.status === 'active' || this.pending.length > 0) {
      throw new NumberAlreadyExists(number.value);
    }
    this.apply(
      new NumberProvisioned({
        phoneNumber: number.value,
        accountId,
        type: number.type,
        country: number.country ?? null,
        provisionedAt: at.toISOString(),
      }),
    );
  }

  isHeldBy(accountId: string): boolean {
    return this.status === 'active' && this.accountId === accountId;
  }

  /**
   * Asks the saga to move the number to `profileId` (null: to no profile). Answers the move to
   * wait for: this one, one already on its way there, or none when the number is there already.
   */
  requestMove(
    accountId: string,
    moveId: string,
    profileId: string | null,
    at: Date,
  ): string | undefined {
    this.assertHeldBy(accountId);
    const heading = this.pending.at(-1)?.profileId ?? this.profileId;
    if (heading === profileId) return this.pending.at(-1)?.moveId;
    this.apply(
      new NumberMoveRequested({
        phoneNumber: this.phoneNumber,
        accountId,
        moveId,
        profileId,
        requestedAt: at.toISOString(),
      }),
    );
    return moveId;
  }

  /** `campaign` is the standing of `campaignId`, undefined when no such campaign exists. */
  attachCampaign(
    accountId: string,
    campaignId: string,
    campaign: CampaignStanding | undefined,
    at: Date,
  ): void {
    this.assertHeldBy(accountId);
    const usable =
      campaign?.id === campaignId &&
      campaign.accountId === accountId &&
      campaign.status === 'active';
    if (!usable) throw new CampaignNotAvailable(campaignId);
    if (this.campaignId === campaignId) return;
    this.apply(
      new CampaignAttachedToNumber({
        phoneNumber: this.phoneNumber,
        accountId,
        campaignId,
        attachedAt: at.toISOString(),
      }),
    );
  }

  detachCampaign(accountId: string, at: Date): void {
    this.assertHeldBy(accountId);
    if (this.campaignId === null) return;
    this.apply(
      new CampaignDetachedFromNumber({
        phoneNumber: this.phoneNumber,
        accountId,
        campaignId: this.campaignId,
        detachedAt: at.toISOString(),
      }),
    );
  }

  /** Leaves the account; a profile holding it lets it go through the saga. Answers the move to wait for. */
  release(accountId: string, moveId: string, at: Date): string | undefined {
    const leaving = this.requestMove(accountId, moveId, null, at);
    this.apply(
      new NumberReleased({
        phoneNumber: this.phoneNumber,
        accountId,
        releasedAt: at.toISOString(),
      }),
    );
    return leaving;
  }

  /** The move still waiting for the saga, if `moveId` is one. */
  pendingMove(moveId: string): PendingMove | undefined {
    return this.pending.find((move) => move.moveId === moveId);
  }

  /** The saga is done with the profiles: the number now sits where the move wanted. Idempotent. */
  completeMove(moveId: string): void {
    const move = this.pendingMove(moveId);
    if (move === undefined) return;
    const common = { phoneNumber: this.phoneNumber, accountId: this.accountId, moveId };
    if (move.profileId === null) {
      this.apply(
        new NumberUnassignedFromProfile({
          ...common,
          previousProfileId: this.profileId,
          unassignedAt: move.requestedAt,
        }),
      );
    } else {
      this.apply(
        new NumberAssignedToProfile({
          ...common,
          profileId: move.profileId,
          previousProfileId: this.profileId,
          assignedAt: move.requestedAt,
        }),
      );
    }
  }

  /** The compensation: the target profile refused, so the number stays with the one it had. Idempotent. */
  failMove(moveId: string): void {
    const move = this.pendingMove(moveId);
    if (move === undefined || move.profileId === null) return;
    this.apply(
      new NumberMoveFailed({
        phoneNumber: this.phoneNumber,
        accountId: this.accountId,
        moveId,
        profileId: move.profileId,
        keptProfileId: this.profileId,
        reason: 'profile_not_available',
        failedAt: move.requestedAt,
      }),
    );
  }

  /** Unknown, released and other accounts' numbers are all a 404 to this account. */
  assertHeldBy(accountId: string): void {
    if (!this.isHeldBy(accountId)) throw new NumberNotFound(this.phoneNumber || 'given');
  }

  onNumberProvisioned({ data }: NumberProvisioned): void {
    this.status = 'active';
    this.phoneNumber = data.phoneNumber;
    this.accountId = data.accountId;
    this.type = data.type;
    this.country = data.country;
    this.profileId = null;
    this.campaignId = null;
  }

  onNumberMoveRequested({ data }: NumberMoveRequested): void {
    this.pending.push({
      moveId: data.moveId,
      profileId: data.profileId,
      requestedAt: data.requestedAt,
    });
  }

  onNumberAssignedToProfile({ data }: NumberAssignedToProfile): void {
    this.settle(data.moveId);
    this.profileId = data.profileId;
  }

  onNumberUnassignedFromProfile({ data }: NumberUnassignedFromProfile): void {
    this.settle(data.moveId);
    this.profileId = null;
  }

  onNumberMoveFailed({ data }: NumberMoveFailed): void {
    this.settle(data.moveId);
  }

  onCampaignAttachedToNumber({ data }: CampaignAttachedToNumber): void {
    this.campaignId = data.campaignId;
  }

  onCampaignDetachedFromNumber(): void {
    this.campaignId = null;
  }

  onNumberReleased(): void {
    this.status = 'released';
    this.campaignId = null;
  }

  private settle(moveId: string): void {
    this.pending = this.pending.filter((move) => move.moveId !== moveId);
  }
}
