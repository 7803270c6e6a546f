import { ApiProperty } from '@nestjs/swagger';
import { MessageView } from '../domain/message.aggregate';
import { MessageError } from '../domain/message.events';
import { MessageStatusHistoryView } from '../queries/get-message-status-history/get-message-status-history.query';

export class MessageErrorResponse {
  @ApiProperty({ example: 'carrier_rejected' }) code: string;
  @ApiProperty() title: string;
  @ApiProperty() detail: string;
}

export class MessageResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['outbound', 'inbound'] }) direction: 'outbound' | 'inbound';
  @ApiProperty({ example: '+15551234567' }) from: string;
  @ApiProperty({ example: '+15557654321' }) to: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) messaging_profile_id:
    string | null;
  @ApiProperty({ enum: ['queued', 'sent', 'delivered', 'failed', 'received'] }) status: string;
  @ApiProperty({ enum: ['GSM-7', 'UCS-2'] }) encoding: string;
  @ApiProperty({ example: 1 }) parts: number;
  @ApiProperty({ type: [MessageErrorResponse] }) errors: MessageErrorResponse[];
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class MessageBody {
  @ApiProperty({ type: MessageResponse }) data: MessageResponse;
}

export class MessageStatusEventResponse {
  @ApiProperty({ enum: ['queued', 'sent', 'delivered', 'failed', 'received'] }) status: string;
  @ApiProperty({ format: 'date-time', description: 'When it happened, as its event recorded' })
  occurred_at: string;
  @ApiProperty({ type: [MessageErrorResponse], description: 'Why it failed; empty otherwise' })
  errors: MessageErrorResponse[];
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'simulator',
    description: 'The carrier that took it (sent only)',
  })
  carrier: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "The carrier's reference for the message (sent only)",
  })
  carrier_message_id: string | null;
}

export class MessageStatusHistoryResponse {
  @ApiProperty({ format: 'uuid' }) message_id: string;
  @ApiProperty({ enum: ['queued', 'sent', 'delivered', 'failed', 'received'] }) status: string;
  @ApiProperty({ type: [MessageStatusEventResponse], description: 'Oldest first' })
  events: MessageStatusEventResponse[];
}

export class MessageStatusHistoryBody {
  @ApiProperty({ type: MessageStatusHistoryResponse }) data: MessageStatusHistoryResponse;
}

class PageMeta {
  @ApiProperty() total: number;
  @ApiProperty() page_number: number;
  @ApiProperty() page_size: number;
}

export class MessageListBody {
  @ApiProperty({ type: [MessageResponse] }) data: MessageResponse[];
  @ApiProperty({ type: PageMeta }) meta: PageMeta;
}

export function toMessageResponse(view: MessageView): MessageResponse {
  return {
    id: view.id,
    direction: view.direction,
    from: view.from,
    to: view.to,
    text: view.text,
    messaging_profile_id: view.messagingProfileId,
    status: view.status,
    encoding: view.encoding,
    parts: view.parts,
    errors: view.errors.map(toErrorResponse),
    created_at: view.createdAt,
    updated_at: view.updatedAt,
  };
}

export function toStatusHistoryResponse(
  view: MessageStatusHistoryView,
): MessageStatusHistoryResponse {
  return {
    message_id: view.messageId,
    status: view.status,
    events: view.events.map((change) => ({
      status: change.status,
      occurred_at: change.occurredAt,
      errors: change.errors.map(toErrorResponse),
      carrier: change.carrier,
      carrier_message_id: change.carrierMessageId,
    })),
  };
}

function toErrorResponse({ code, title, detail }: MessageError): MessageErrorResponse {
  return { code, title, detail };
}
