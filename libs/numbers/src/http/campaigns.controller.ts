import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { ApiPageQuery, CurrentAccount, page, Page, pageRequest } from '@blocx/platform';
import { RegisterCampaign } from '../commands/register-campaign/register-campaign.command';
import { GetCampaign } from '../queries/get-campaign/get-campaign.query';
import { ListCampaigns } from '../queries/list-campaigns/list-campaigns.query';
import {
  CampaignBody,
  CampaignListBody,
  CampaignResponse,
  RegisterCampaignRequest,
  toCampaignResponse,
} from './campaign.dto';

@ApiTags('10DLC campaigns')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'unauthorized: no or bad API key' })
@Controller('campaigns')
export class CampaignsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Register a 10DLC campaign; it is active at once' })
  @ApiCreatedResponse({ type: CampaignBody })
  @ApiResponse({ status: 422, description: 'invalid_field, with source.pointer' })
  async register(
    @CurrentAccount() accountId: string,
    @Body() body: RegisterCampaignRequest,
  ): Promise<{ data: CampaignResponse }> {
    const view = await this.commands.execute(
      new RegisterCampaign({
        accountId,
        brandName: body.brand_name,
        useCase: body.use_case,
        description: body.description,
      }),
    );
    return { data: toCampaignResponse(view) };
  }

  @Get()
  @ApiOperation({ summary: "The account's campaigns, newest first" })
  @ApiPageQuery()
  @ApiOkResponse({ type: CampaignListBody })
  async list(
    @CurrentAccount() accountId: string,
    @Query() query: Record<string, unknown>,
  ): Promise<Page<CampaignResponse>> {
    const request = pageRequest(query);
    const { items, total } = await this.queries.execute(
      new ListCampaigns({ accountId, offset: request.offset, limit: request.size }),
    );
    return page(items.map(toCampaignResponse), total, request);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One campaign' })
  @ApiOkResponse({ type: CampaignBody })
  @ApiResponse({ status: 404, description: 'campaign_not_found' })
  async get(
    @CurrentAccount() accountId: string,
    @Param('id') campaignId: string,
  ): Promise<{ data: CampaignResponse }> {
    const view = await this.queries.execute(new GetCampaign({ accountId, campaignId }));
    return { data: toCampaignResponse(view) };
  }
}
