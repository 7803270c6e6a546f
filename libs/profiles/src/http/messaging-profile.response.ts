import { ApiProperty } from '@nestjs/swagger';
import { WEBHOOK_EVENTS, WebhookEvent } from '../domain/profile-settings';
import { MessagingProfileView } from '../queries/messaging-profile.view';

export class KeywordHandlingResponse {
  @ApiProperty({ type: [String], example: ['STOP'] }) keywords: string[];
  @ApiProperty() message: string;
}

export class MessagingProfileResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Support' }) name: string;
  @ApiProperty({ type: String, nullable: true }) webhook_url: string | null;
  @ApiProperty({ type: String, nullable: true }) webhook_failover_url: string | null;
  @ApiProperty({ enum: WEBHOOK_EVENTS, isArray: true }) webhook_events: WebhookEvent[];
  @ApiProperty({ type: [String], example: ['US'] }) allowed_countries: string[];
  @ApiProperty({ type: KeywordHandlingResponse }) opt_out: KeywordHandlingResponse;
  @ApiProperty({ type: KeywordHandlingResponse }) opt_in: KeywordHandlingResponse;
  @ApiProperty({ type: KeywordHandlingResponse }) help: KeywordHandlingResponse;
  @ApiProperty({ description: 'Numbers assigned to the profile' }) number_count: number;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time', description: 'Last change of the settings' })
  updated_at: string;
}

export class MessagingProfileBody {
  @ApiProperty({ type: MessagingProfileResponse }) data: MessagingProfileResponse;
}

class PageMeta {
  @ApiProperty() total: number;
  @ApiProperty() page_number: number;
  @ApiProperty() page_size: number;
}

export class MessagingProfileListBody {
  @ApiProperty({ type: [MessagingProfileResponse] }) data: MessagingProfileResponse[];
  @ApiProperty({ type: PageMeta }) meta: PageMeta;
}

export function toResponse(view: MessagingProfileView): MessagingProfileResponse {
  return {
    id: view.id,
    name: view.name,
    webhook_url: view.webhookUrl,
    webhook_failover_url: view.webhookFailoverUrl,
    webhook_events: view.webhookEvents,
    allowed_countries: view.allowedCountries,
    opt_out: view.optOut,
    opt_in: view.optIn,
    help: view.help,
    number_count: view.numberCount,
    created_at: view.createdAt,
    updated_at: view.updatedAt,
  };
}
