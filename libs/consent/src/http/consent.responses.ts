import { ApiProperty } from '@nestjs/swagger';
import { ConsentHistoryView } from '../queries/get-consent-history/get-consent-history.query';
import { OptOutView } from '../queries/list-opt-outs/list-opt-outs.query';

export class OptOutResponse {
  @ApiProperty({ example: '+15551234567', description: 'The sending number' }) from: string;
  @ApiProperty({ example: '+15557654321', description: 'The recipient who opted out' }) to: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) messaging_profile_id:
    string | null;
  @ApiProperty({ example: 'STOP' }) keyword: string;
  @ApiProperty({ format: 'date-time' }) opted_out_at: string;
}

class PageMeta {
  @ApiProperty() total: number;
  @ApiProperty() page_number: number;
  @ApiProperty() page_size: number;
}

export class OptOutListBody {
  @ApiProperty({ type: [OptOutResponse] }) data: OptOutResponse[];
  @ApiProperty({ type: PageMeta }) meta: PageMeta;
}

export class ConsentEventResponse {
  @ApiProperty({ enum: ['opted_out', 'opted_in', 'help_requested'] }) type: string;
  @ApiProperty({ example: 'STOP', description: 'The keyword or opt-out phrase that matched' })
  keyword: string;
  @ApiProperty({ description: 'The inbound text as received' }) text: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) messaging_profile_id:
    string | null;
  @ApiProperty({ format: 'uuid', description: 'The inbound message' }) message_id: string;
  @ApiProperty({ format: 'date-time' }) occurred_at: string;
}

export class ConsentHistoryResponse {
  @ApiProperty({ example: '+15551234567' }) number: string;
  @ApiProperty({ example: '+15557654321' }) recipient: string;
  @ApiProperty({ enum: ['opted_out', 'opted_in', 'none'] }) status: string;
  @ApiProperty({ type: [ConsentEventResponse] }) events: ConsentEventResponse[];
}

export class ConsentHistoryBody {
  @ApiProperty({ type: ConsentHistoryResponse }) data: ConsentHistoryResponse;
}

export function toOptOutResponse(view: OptOutView): OptOutResponse {
  return {
    from: view.from,
    to: view.to,
    messaging_profile_id: view.messagingProfileId,
    keyword: view.keyword,
    opted_out_at: view.optedOutAt,
  };
}

export function toHistoryResponse(view: ConsentHistoryView): ConsentHistoryResponse {
  return {
    number: view.number,
    recipient: view.recipient,
    status: view.status,
    events: view.events.map((entry) => ({
      type: entry.type,
      keyword: entry.keyword,
      text: entry.text,
      messaging_profile_id: entry.messagingProfileId,
      message_id: entry.messageId,
      occurred_at: entry.occurredAt,
    })),
  };
}
