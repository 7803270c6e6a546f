import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiPageQuery, CurrentAccount, page, Page, pageRequest } from '@blocx/platform';
import { GetMessagingProfile } from '@blocx/profiles';
import { AssignNumbersToProfile } from '../commands/assign-numbers-to-profile/assign-numbers-to-profile.command';
import { ListPhoneNumbers } from '../queries/list-phone-numbers/list-phone-numbers.query';
import { PhoneNumberListBody, PhoneNumberResponse, toNumberResponse } from './number.response';
import {
  AssignNumbersRequest,
  NumberAssignmentResponse,
  NumberAssignmentsBody,
  toAssignmentResponse,
} from './profile-numbers.dto';

const BUSY = 'concurrent_modification: the number kept changing under this request; retry';
const LAGGING = 'read_model_lagging: the change was made but not yet visible in time; read again';

/** The numbers context's view of a profile: which numbers it holds, and moving numbers into it. */
@ApiTags('Messaging profiles')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'unauthorized: no or bad API key' })
@Controller('messaging-profiles/:id/numbers')
export class ProfileNumbersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Assign numbers to the profile, moving them from their current one',
    description:
      'Every number is checked first; on any error nothing moves. Answers once every move ' +
      'is visible on the numbers and on the profiles.',
  })
  @ApiOkResponse({ type: NumberAssignmentsBody })
  @ApiResponse({ status: 404, description: 'messaging_profile_not_found' })
  @ApiResponse({ status: 409, description: BUSY })
  @ApiResponse({ status: 503, description: LAGGING })
  @ApiResponse({
    status: 422,
    description:
      'number_not_found, invalid_phone_number or duplicate_phone_number at /phone_numbers/<index>',
  })
  async assign(
    @CurrentAccount() accountId: string,
    @Param('id') profileId: string,
    @Body() body: AssignNumbersRequest,
  ): Promise<{ data: NumberAssignmentResponse[] }> {
    const assignments = await this.commands.execute(
      new AssignNumbersToProfile({ accountId, profileId, phoneNumbers: body.phone_numbers }),
    );
    return { data: assignments.map(toAssignmentResponse) };
  }

  @Get()
  @ApiOperation({ summary: 'The numbers now assigned to the profile, newest first' })
  @ApiPageQuery()
  @ApiOkResponse({ type: PhoneNumberListBody })
  @ApiResponse({ status: 404, description: 'messaging_profile_not_found' })
  async list(
    @CurrentAccount() accountId: string,
    @Param('id') profileId: string,
    @Query() query: Record<string, unknown>,
  ): Promise<Page<PhoneNumberResponse>> {
    const request = pageRequest(query);
    await this.queries.execute(new GetMessagingProfile({ accountId, profileId }));
    const { items, total } = await this.queries.execute(
      new ListPhoneNumbers({
        accountId,
        messagingProfileId: profileId,
        offset: request.offset,
        limit: request.size,
      }),
    );
    return page(items.map(toNumberResponse), total, request);
  }
}
