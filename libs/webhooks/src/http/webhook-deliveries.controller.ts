import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiOperation,
  ApiProperty,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  ApiPageQuery,
  Clock,
  CurrentAccount,
  oneOfParameter,
  Page,
  page,
  pageRequest,
  ResourceNotFound,
} from '@blocx/platform';
import { ApiMessagingProfileFilter, messagingProfileParameter } from '@blocx/profiles';
import { DeliveryStatus } from '../domain/delivery-round';
import { DeliveryRow, DeliveryStore } from '../deliveries/delivery-store';
import { DeliveryWorker } from '../deliveries/delivery-worker';

const STATUSES: DeliveryStatus[] = ['pending', 'delivered', 'failed'];

class WebhookAttemptView {
  @ApiProperty() url: string;
  @ApiProperty({ nullable: true, type: Number }) status_code: number | null;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty() duration_ms: number;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export class WebhookDeliveryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'The webhook-id header of every attempt' })
  event_id: string;
  @ApiProperty({
    enum: ['message.sent', 'message.delivered', 'message.failed', 'message.received'],
  })
  event_type: string;
  @ApiProperty({ format: 'uuid' }) messaging_profile_id: string;
  @ApiProperty({ enum: STATUSES }) status: DeliveryStatus;
  @ApiProperty({ type: [WebhookAttemptView] }) attempts: WebhookAttemptView[];
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) next_attempt_at:
    string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

function view(row: DeliveryRow): WebhookDeliveryView {
  return {
    id: row.id,
    event_id: row.event_id,
    event_type: row.event_type,
    messaging_profile_id: row.messaging_profile_id,
    status: row.status,
    attempts: row.attempts.map((a) => ({ ...a, at: new Date(a.at).toISOString() })),
    next_attempt_at: row.status === 'pending' ? row.next_attempt_at.toISOString() : null,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}

@ApiTags('Webhooks')
@ApiBearerAuth()
@Controller('webhook-deliveries')
export class WebhookDeliveriesController {
  constructor(
    private readonly store: DeliveryStore,
    private readonly worker: DeliveryWorker,
    private readonly queries: QueryBus,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Webhook deliveries, newest first, each with one entry per HTTP attempt',
  })
  @ApiMessagingProfileFilter()
  @ApiQuery({ name: 'status', required: false, enum: STATUSES })
  @ApiPageQuery()
  async list(
    @CurrentAccount() accountId: string,
    @Query() query: Record<string, unknown>,
  ): Promise<Page<WebhookDeliveryView>> {
    const request = pageRequest(query);
    const status = oneOfParameter(query.status, 'status', STATUSES);
    const { rows, total } = await this.store.list({
      accountId,
      messagingProfileId: await messagingProfileParameter(
        this.queries,
        accountId,
        query.messaging_profile_id,
      ),
      status,
      limit: request.size,
      offset: request.offset,
    });
    return page(rows.map(view), total, request);
  }

  @Post(':id/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Try a delivery again now (a failed one gets a fresh retry schedule)' })
  @ApiResponse({ status: 404, description: 'webhook_delivery_not_found' })
  async retry(
    @CurrentAccount() accountId: string,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => notFound('?') })) id: string,
  ): Promise<{ data: WebhookDeliveryView }> {
    if (!(await this.store.retryNow(accountId, id, this.clock.now()))) throw notFound(id);
    this.worker.wake();
    const row = await this.store.findOne(accountId, id);
    if (!row) throw notFound(id);
    return { data: view(row) };
  }
}

function notFound(id: string): ResourceNotFound {
  return new ResourceNotFound('webhook delivery', id);
}
