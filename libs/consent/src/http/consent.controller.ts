import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  ApiPageQuery,
  CurrentAccount,
  instantParameter,
  page,
  Page,
  pageRequest,
  phoneParameter,
} from '@blocx/platform';
import { ApiMessagingProfileFilter, messagingProfileParameter } from '@blocx/profiles';
import { GetConsentHistory } from '../queries/get-consent-history/get-consent-history.query';
import { ListOptOuts } from '../queries/list-opt-outs/list-opt-outs.query';
import {
  ConsentHistoryBody,
  ConsentHistoryResponse,
  OptOutListBody,
  OptOutResponse,
  toHistoryResponse,
  toOptOutResponse,
} from './consent.responses';

@ApiTags('Consent')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'unauthorized: no or bad API key' })
@Controller()
export class ConsentController {
  constructor(private readonly queries: QueryBus) {}

  @Get('opt-outs')
  @ApiOperation({ summary: 'The (number, recipient) pairs now opted out, newest first' })
  @ApiMessagingProfileFilter()
  @ApiQuery({ name: 'from', required: false, description: 'Only this sending number' })
  @ApiPageQuery()
  @ApiOkResponse({ type: OptOutListBody })
  @ApiResponse({ status: 400, description: 'invalid_parameter: a bad filter or page parameter' })
  @ApiResponse({ status: 422, description: 'invalid_phone_number: `from` is not E.164' })
  async optOuts(
    @CurrentAccount() accountId: string,
    @Query() query: Record<string, unknown>,
  ): Promise<Page<OptOutResponse>> {
    const request = pageRequest(query);
    const from = phoneParameter(query.from, 'from', false);
    const { items, total } = await this.queries.execute(
      new ListOptOuts({
        accountId,
        messagingProfileId: await messagingProfileParameter(
          this.queries,
          accountId,
          query.messaging_profile_id,
        ),
        from,
        offset: request.offset,
        limit: request.size,
      }),
    );
    return page(items.map(toOptOutResponse), total, request);
  }

  @Get('consent/history')
  @ApiOperation({
    summary: 'The consent audit trail of a pair, replayed from the event log',
    description:
      'With `as_of`, only events up to that instant count and `status` is the state then.',
  })
  @ApiQuery({ name: 'number', description: 'The sending number (one of the account’s)' })
  @ApiQuery({ name: 'recipient', description: 'The handset' })
  @ApiQuery({ name: 'as_of', required: false, description: 'ISO 8601 instant' })
  @ApiOkResponse({ type: ConsentHistoryBody })
  @ApiResponse({ status: 400, description: 'invalid_parameter: as_of is not an instant' })
  @ApiResponse({ status: 404, description: 'number_not_found: not a number of this account' })
  @ApiResponse({ status: 422, description: 'invalid_phone_number: number or recipient' })
  async history(
    @CurrentAccount() accountId: string,
    @Query() query: Record<string, unknown>,
  ): Promise<{ data: ConsentHistoryResponse }> {
    const view = await this.queries.execute(
      new GetConsentHistory({
        accountId,
        number: phoneParameter(query.number, 'number', true),
        recipient: phoneParameter(query.recipient, 'recipient', true),
        asOf: instantParameter(query.as_of, 'as_of'),
      }),
    );
    return { data: toHistoryResponse(view) };
  }
}
