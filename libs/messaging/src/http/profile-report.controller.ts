import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Clock, CurrentAccount, instantParameter, MalformedRequest } from '@blocx/platform';
import {
  GetProfileReport,
  ProfileReportView,
} from '../queries/get-profile-report/get-profile-report.query';

const DAY_MS = 24 * 60 * 60 * 1000;

class OutboundCounts {
  @ApiProperty() queued: number;
  @ApiProperty() sent: number;
  @ApiProperty() delivered: number;
  @ApiProperty() failed: number;
  @ApiProperty({ description: 'Sends refused because the recipient opted out' }) blocked: number;
}

class InboundCounts {
  @ApiProperty() received: number;
}

export class ProfileReportResponse {
  @ApiProperty({ format: 'uuid' }) messaging_profile_id: string;
  @ApiProperty({ format: 'date-time' }) from: string;
  @ApiProperty({ format: 'date-time' }) to: string;
  @ApiProperty({ type: OutboundCounts }) outbound: OutboundCounts;
  @ApiProperty({ type: InboundCounts }) inbound: InboundCounts;
  @ApiProperty() opt_outs: number;
  @ApiProperty() opt_ins: number;
}

class ProfileReportBody {
  @ApiProperty({ type: ProfileReportResponse }) data: ProfileReportResponse;
}

@ApiTags('Messaging profiles')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'unauthorized: no or bad API key' })
@Controller('messaging-profiles')
export class ProfileReportController {
  constructor(
    private readonly queries: QueryBus,
    private readonly clock: Clock,
  ) {}

  @Get(':id/report')
  @ApiOperation({
    summary: "A profile's message counts over a window (default the last 24 hours)",
    description: 'Counted per minute: the minute holding `from` counts whole.',
  })
  @ApiQuery({ name: 'from', required: false, description: 'ISO 8601 instant' })
  @ApiQuery({ name: 'to', required: false, description: 'ISO 8601 instant' })
  @ApiOkResponse({ type: ProfileReportBody })
  @ApiResponse({
    status: 400,
    description: 'invalid_parameter: from/to not instants, or from after to',
  })
  @ApiResponse({ status: 404, description: 'messaging_profile_not_found' })
  async report(
    @CurrentAccount() accountId: string,
    @Param('id') profileId: string,
    @Query() query: Record<string, unknown>,
  ): Promise<{ data: ProfileReportResponse }> {
    const to = instantParameter(query.to, 'to') ?? this.clock.now();
    const from = instantParameter(query.from, 'from') ?? new Date(to.getTime() - DAY_MS);
    if (from > to)
      throw new MalformedRequest('invalid_parameter', 'from must not be after to', 'from');
    const view = await this.queries.execute(
      new GetProfileReport({ accountId, profileId, from, to }),
    );
    return { data: toReportResponse(view) };
  }
}

function toReportResponse({ messagingProfileId, from, to, counts }: ProfileReportView) {
  return {
    messaging_profile_id: messagingProfileId,
    from,
    to,
    outbound: {
      queued: counts.queued,
      sent: counts.sent,
      delivered: counts.delivered,
      failed: counts.failed,
      blocked: counts.blocked,
    },
    inbound: { received: counts.received },
    opt_outs: counts.opt_outs,
    opt_ins: counts.opt_ins,
  };
}
