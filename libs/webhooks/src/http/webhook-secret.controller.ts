import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Clock, CurrentAccount } from '@blocx/platform';
import { GetMessagingProfile } from '@blocx/profiles';
import { WebhookSecrets } from '../secrets/webhook-secrets';

class WebhookSecretView {
  @ApiProperty({ example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }) secret: string;
}

@ApiTags('Webhooks')
@ApiBearerAuth()
@Controller('messaging-profiles/:id/webhook-secret')
export class WebhookSecretController {
  constructor(
    private readonly secrets: WebhookSecrets,
    private readonly queries: QueryBus,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: "The profile's Standard Webhooks signing secret" })
  @ApiResponse({ status: 404, description: 'messaging_profile_not_found' })
  async reveal(
    @CurrentAccount() accountId: string,
    @Param('id') profileId: string,
  ): Promise<{ data: WebhookSecretView }> {
    await this.queries.execute(new GetMessagingProfile({ accountId, profileId }));
    return { data: { secret: await this.secrets.current(accountId, profileId, this.clock.now()) } };
  }

  @Post('rotate')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'A new secret; for 24 hours deliveries are signed under both the new and the previous one',
  })
  @ApiResponse({ status: 404, description: 'messaging_profile_not_found' })
  async rotate(
    @CurrentAccount() accountId: string,
    @Param('id') profileId: string,
  ): Promise<{ data: WebhookSecretView }> {
    await this.queries.execute(new GetMessagingProfile({ accountId, profileId }));
    return { data: { secret: await this.secrets.rotate(accountId, profileId, this.clock.now()) } };
  }
}
