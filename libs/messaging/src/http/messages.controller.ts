import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  ApiPageQuery,
  CurrentAccount,
  oneOfParameter,
  page,
  Page,
  pageRequest,
} from '@blocx/platform';
import { ApiMessagingProfileFilter, messagingProfileParameter } from '@blocx/profiles';
import { SendMessage } from '../commands/send-message/send-message.command';
import { GetMessage } from '../queries/get-message/get-message.query';
import { GetMessageStatusHistory } from '../queries/get-message-status-history/get-message-status-history.query';
import { ListMessages } from '../queries/list-messages/list-messages.query';
import { SendMessageRequest } from './message.requests';
import {
  MessageBody,
  MessageListBody,
  MessageResponse,
  MessageStatusHistoryBody,
  MessageStatusHistoryResponse,
  toMessageResponse,
  toStatusHistoryResponse,
} from './message.response';
import { idempotencyKeyOf } from './idempotency-key';

const SEND_REJECTIONS =
  'Checked in this order: invalid_phone_number (/from, /to), text_required, text_too_long, ' +
  'from_number_not_found, from_number_not_assigned, destination_not_allowed, campaign_required, ' +
  'recipient_opted_out, idempotency_key_reused; invalid_idempotency_key for a malformed key';

@ApiTags('Messaging')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'unauthorized: no or bad API key' })
@Controller()
export class MessagesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('messaging/send')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send an SMS',
    description:
      'Queues the message (202, status queued); the carrier reports sent and delivered or failed. ' +
      'With an Idempotency-Key (per account, kept 24 hours) the same key and body return the ' +
      'first response and send nothing again, also when both arrive at once.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiResponse({ status: 202, type: MessageBody })
  @ApiResponse({ status: 422, description: SEND_REJECTIONS })
  async send(
    @CurrentAccount() accountId: string,
    @Body() body: SendMessageRequest,
    @Headers('idempotency-key') key: string | undefined,
  ): Promise<{ data: MessageResponse }> {
    const view = await this.commands.execute(
      new SendMessage({
        accountId,
        from: body.from,
        to: body.to,
        text: body.text,
        idempotencyKey: idempotencyKeyOf(key),
      }),
    );
    return { data: toMessageResponse(view) };
  }

  @Get('messages/:id')
  @ApiOperation({ summary: 'One message, outbound or inbound' })
  @ApiOkResponse({ type: MessageBody })
  @ApiResponse({ status: 404, description: 'message_not_found' })
  async get(
    @CurrentAccount() accountId: string,
    @Param('id') messageId: string,
  ): Promise<{ data: MessageResponse }> {
    const view = await this.queries.execute(new GetMessage({ accountId, messageId }));
    return { data: toMessageResponse(view) };
  }

  @Get('messages/:id/status-history')
  @ApiOperation({
    summary: 'Every status of a message with its time, replayed from the event log',
    description:
      'Oldest first: queued (outbound) or received (inbound), then sent, delivered or failed. ' +
      'A sent step names the carrier and its message id; a failed step carries its errors.',
  })
  @ApiOkResponse({ type: MessageStatusHistoryBody })
  @ApiResponse({ status: 404, description: 'message_not_found' })
  async statusHistory(
    @CurrentAccount() accountId: string,
    @Param('id') messageId: string,
  ): Promise<{ data: MessageStatusHistoryResponse }> {
    const view = await this.queries.execute(new GetMessageStatusHistory({ accountId, messageId }));
    return { data: toStatusHistoryResponse(view) };
  }

  @Get('messages')
  @ApiOperation({ summary: "The account's messages, newest first" })
  @ApiMessagingProfileFilter()
  @ApiQuery({ name: 'direction', required: false, enum: ['outbound', 'inbound'] })
  @ApiQuery({
    name: 'status',
    required: false,
    enum: ['queued', 'sent', 'delivered', 'failed', 'received'],
  })
  @ApiPageQuery()
  @ApiOkResponse({ type: MessageListBody })
  @ApiResponse({ status: 400, description: 'invalid_parameter: a bad filter or page parameter' })
  async list(
    @CurrentAccount() accountId: string,
    @Query() query: Record<string, unknown>,
  ): Promise<Page<MessageResponse>> {
    const request = pageRequest(query);
    const direction = oneOfParameter(query.direction, 'direction', [
      'outbound',
      'inbound',
    ] as const);
    const status = oneOfParameter(query.status, 'status', [
      'queued',
      'sent',
      'delivered',
      'failed',
      'received',
    ] as const);
    const { items, total } = await this.queries.execute(
      new ListMessages({
        accountId,
        messagingProfileId: await messagingProfileParameter(
          this.queries,
          accountId,
          query.messaging_profile_id,
        ),
        direction,
        status,
        offset: request.offset,
        limit: request.size,
      }),
    );
    return page(items.map(toMessageResponse), total, request);
  }
}
