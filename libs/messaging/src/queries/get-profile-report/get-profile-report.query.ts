import { Query } from '@nestjs/cqrs';
import { ReportCount } from '../../projections/message-report.projection';

export interface ProfileReportView {
  messagingProfileId: string;
  from: string;
  to: string;
  counts: Record<ReportCount, number>;
}

/**
 * A profile's counts over [from, to], summed from per-minute buckets (exact to the minute: the
 * bucket holding `from` counts whole). MessagingProfileNotFound (404) for another account's.
 */
export class GetProfileReport extends Query<ProfileReportView> {
  readonly accountId: string;
  readonly profileId: string;
  readonly from: Date;
  readonly to: Date;

  constructor(input: { accountId: string; profileId: string; from: Date; to: Date }) {
    super();
    Object.assign(this, input);
  }
}
