import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { LogPosition, ReadModelWaiter } from '@blocx/event-sourcing';
import { ApiPageQuery, CurrentAccount, page, Page, pageRequest } from '@blocx/platform';
import { CreateMessagingProfile } from '../commands/create-messaging-profile/create-messaging-profile.command';
import { DeleteMessagingProfile } from '../commands/delete-messaging-profile/delete-messaging-profile.command';
import { UpdateMessagingProfile } from '../commands/update-messaging-profile/update-messaging-profile.command';
import { MESSAGING_PROFILES_PROJECTION } from '../projections/messaging-profiles.table';
import { GetMessagingProfile } from '../queries/get-messaging-profile/get-messaging-profile.query';
import { ListMessagingProfiles } from '../queries/list-messaging-profiles/list-messaging-profiles.query';
import { toDraft, toPatch } from './messaging-profile.mapping';
import { WebhookUrlPolicy } from './webhook-url.policy';
import {
  CreateMessagingProfileRequest,
  UpdateMessagingProfileRequest,
} from './messaging-profile.request';
import {
  MessagingProfileBody,
  MessagingProfileListBody,
  MessagingProfileResponse,
  toResponse,
} from './messaging-profile.response';

const INVALID = 'Validation failed: every problem with its code and source.pointer';

@ApiTags('Messaging profiles')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'unauthorized: no or bad API key' })
@Controller('messaging-profiles')
export class MessagingProfilesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly waiter: ReadModelWaiter,
    private readonly webhookUrls: WebhookUrlPolicy,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Create a profile; only the name is required, the rest has defaults' })
  @ApiCreatedResponse({ type: MessagingProfileBody })
  @ApiResponse({ status: 422, description: INVALID })
  async create(
    @CurrentAccount() accountId: string,
    @Body() body: CreateMessagingProfileRequest,
  ): Promise<{ data: MessagingProfileResponse }> {
    this.webhookUrls.check(body);
    const command = new CreateMessagingProfile({ accountId, settings: toDraft(body) });
    const { profileId, position } = await this.commands.execute(command);
    return this.visible(accountId, profileId, position);
  }

  @Get()
  @ApiOperation({ summary: "The account's profiles, newest first" })
  @ApiPageQuery()
  @ApiOkResponse({ type: MessagingProfileListBody })
  async list(
    @CurrentAccount() accountId: string,
    @Query() query: Record<string, unknown>,
  ): Promise<Page<MessagingProfileResponse>> {
    const request = pageRequest(query);
    const { profiles, total } = await this.queries.execute(
      new ListMessagingProfiles({ accountId, offset: request.offset, limit: request.size }),
    );
    return page(profiles.map(toResponse), total, request);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One profile' })
  @ApiOkResponse({ type: MessagingProfileBody })
  @ApiResponse({ status: 404, description: 'messaging_profile_not_found' })
  async get(
    @CurrentAccount() accountId: string,
    @Param('id') profileId: string,
  ): Promise<{ data: MessagingProfileResponse }> {
    return this.read(accountId, profileId);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change any subset of the fields; left out stays, null clears a URL',
    description: 'Changes apply at once to in-flight and future messages and webhook deliveries.',
  })
  @ApiOkResponse({ type: MessagingProfileBody, description: 'The whole updated profile' })
  @ApiResponse({ status: 404, description: 'messaging_profile_not_found' })
  @ApiResponse({ status: 422, description: INVALID })
  async update(
    @CurrentAccount() accountId: string,
    @Param('id') profileId: string,
    @Body() body: UpdateMessagingProfileRequest,
  ): Promise<{ data: MessagingProfileResponse }> {
    this.webhookUrls.check(body);
    const position = await this.commands.execute(
      new UpdateMessagingProfile({ accountId, profileId, patch: toPatch(body) }),
    );
    return this.visible(accountId, profileId, position);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a profile that has no numbers assigned' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiResponse({ status: 404, description: 'messaging_profile_not_found' })
  @ApiResponse({ status: 409, description: 'profile_has_numbers: reassign or release them first' })
  async delete(@CurrentAccount() accountId: string, @Param('id') profileId: string): Promise<void> {
    const position = await this.commands.execute(
      new DeleteMessagingProfile({ accountId, profileId }),
    );
    await this.waiter.waitFor(position, [MESSAGING_PROFILES_PROJECTION]);
  }

  /** Read-your-writes: answer once the read model has passed the write's events. */
  private async visible(
    accountId: string,
    profileId: string,
    position: LogPosition | undefined,
  ): Promise<{ data: MessagingProfileResponse }> {
    await this.waiter.waitFor(position, [MESSAGING_PROFILES_PROJECTION]);
    return this.read(accountId, profileId);
  }

  private async read(
    accountId: string,
    profileId: string,
  ): Promise<{ data: MessagingProfileResponse }> {
    const view = await this.queries.execute(new GetMessagingProfile({ accountId, profileId }));
    return { data: toResponse(view) };
  }
}
