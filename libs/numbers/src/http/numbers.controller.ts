import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiPageQuery, CurrentAccount, page, Page, pageRequest } from '@blocx/platform';
import { ApiMessagingProfileFilter, messagingProfileParameter } from '@blocx/profiles';
import { ProvisionNumber } from '../commands/provision-number/provision-number.command';
import { ReleaseNumber } from '../commands/release-number/release-number.command';
import { UpdateNumber } from '../commands/update-number/update-number.command';
import { GetPhoneNumber } from '../queries/get-phone-number/get-phone-number.query';
import { ListPhoneNumbers } from '../queries/list-phone-numbers/list-phone-numbers.query';
import { ProvisionNumberRequest, UpdateNumberRequest } from './number.requests';
import {
  PhoneNumberBody,
  PhoneNumberListBody,
  PhoneNumberResponse,
  toNumberResponse,
} from './number.response';

const INVALID = 'Validation failed: every problem with its code and source.pointer';
const BUSY = 'concurrent_modification: the number kept changing under this request; retry';
const LAGGING = 'read_model_lagging: the change was made but not yet visible in time; read again';
const NUMBER_PARAM = {
  name: 'phone_number',
  description: 'E.164, URL-encoded (%2B15551234567); the plain + form is accepted too',
};

@ApiTags('Numbers')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'unauthorized: no or bad API key' })
@Controller('numbers')
export class NumbersController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Bring a number into the account' })
  @ApiCreatedResponse({ type: PhoneNumberBody })
  @ApiResponse({ status: 409, description: 'number_already_exists: an account holds it' })
  @ApiResponse({ status: 422, description: `invalid_phone_number: not E.164. ${INVALID}` })
  async provision(
    @CurrentAccount() accountId: string,
    @Body() body: ProvisionNumberRequest,
  ): Promise<{ data: PhoneNumberResponse }> {
    const command = new ProvisionNumber({ accountId, phoneNumber: body.phone_number });
    return { data: toNumberResponse(await this.commands.execute(command)) };
  }

  @Get()
  @ApiOperation({ summary: "The account's numbers, newest first" })
  @ApiMessagingProfileFilter()
  @ApiPageQuery()
  @ApiOkResponse({ type: PhoneNumberListBody })
  @ApiResponse({ status: 400, description: 'invalid_parameter: a bad filter or page parameter' })
  async list(
    @CurrentAccount() accountId: string,
    @Query() query: Record<string, unknown>,
  ): Promise<Page<PhoneNumberResponse>> {
    const request = pageRequest(query);
    const { items, total } = await this.queries.execute(
      new ListPhoneNumbers({
        accountId,
        messagingProfileId: await messagingProfileParameter(
          this.queries,
          accountId,
          query.messaging_profile_id,
        ),
        offset: request.offset,
        limit: request.size,
      }),
    );
    return page(items.map(toNumberResponse), total, request);
  }

  @Get(':phone_number')
  @ApiOperation({ summary: 'One number' })
  @ApiParam(NUMBER_PARAM)
  @ApiOkResponse({ type: PhoneNumberBody })
  @ApiResponse({ status: 404, description: 'number_not_found' })
  async get(
    @CurrentAccount() accountId: string,
    @Param('phone_number') phoneNumber: string,
  ): Promise<{ data: PhoneNumberResponse }> {
    const view = await this.queries.execute(new GetPhoneNumber({ accountId, phoneNumber }));
    return { data: toNumberResponse(view) };
  }

  @Patch(':phone_number')
  @ApiOperation({
    summary: 'Assign, move or unassign the number; attach or detach its campaign',
    description:
      'Answers once the move is complete: the number and both profiles show it. A profile ' +
      'deleted while the move ran keeps nothing: the number stays where it was (422).',
  })
  @ApiParam(NUMBER_PARAM)
  @ApiOkResponse({ type: PhoneNumberBody, description: 'The whole updated number' })
  @ApiResponse({ status: 404, description: 'number_not_found' })
  @ApiResponse({ status: 409, description: BUSY })
  @ApiResponse({ status: 503, description: LAGGING })
  @ApiResponse({
    status: 422,
    description: `messaging_profile_not_found, campaign_not_found (not an active campaign of the account). ${INVALID}`,
  })
  async update(
    @CurrentAccount() accountId: string,
    @Param('phone_number') phoneNumber: string,
    @Body() body: UpdateNumberRequest,
  ): Promise<{ data: PhoneNumberResponse }> {
    const command = new UpdateNumber({
      accountId,
      phoneNumber,
      messagingProfileId: body.messaging_profile_id,
      campaignId: body.campaign_id,
    });
    return { data: toNumberResponse(await this.commands.execute(command)) };
  }

  @Delete(':phone_number')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Release the number',
    description:
      'It leaves its profile first, so the profile can be deleted right after. A released ' +
      'number can be provisioned again, into any account.',
  })
  @ApiParam(NUMBER_PARAM)
  @ApiNoContentResponse({ description: 'Released' })
  @ApiResponse({ status: 404, description: 'number_not_found' })
  @ApiResponse({ status: 409, description: BUSY })
  @ApiResponse({ status: 503, description: LAGGING })
  async release(
    @CurrentAccount() accountId: string,
    @Param('phone_number') phoneNumber: string,
  ): Promise<void> {
    await this.commands.execute(new ReleaseNumber({ accountId, phoneNumber }));
  }
}
