import { ApiProperty } from '@nestjs/swagger';
import { MessageView } from '../domain/message.aggregate';

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
    errors: view.errors.map(({ code, title, detail }) => ({ code, title, detail })),
    created_at: view.createdAt,
    updated_at: view.updatedAt,
  };
}
