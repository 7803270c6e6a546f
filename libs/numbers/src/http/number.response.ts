import { ApiProperty } from '@nestjs/swagger';
import { PhoneNumberView } from '../queries/views';

export class PhoneNumberResponse {
  @ApiProperty({ example: '+15551234567' }) phone_number: string;
  @ApiProperty({ enum: ['long_code', 'toll_free'] }) type: 'long_code' | 'toll_free';
  @ApiProperty({ type: String, nullable: true, example: 'US', description: 'ISO 3166-1 alpha-2' })
  country: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) messaging_profile_id:
    string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) campaign_id: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class PhoneNumberBody {
  @ApiProperty({ type: PhoneNumberResponse }) data: PhoneNumberResponse;
}

export class PageMeta {
  @ApiProperty() total: number;
  @ApiProperty() page_number: number;
  @ApiProperty() page_size: number;
}

export class PhoneNumberListBody {
  @ApiProperty({ type: [PhoneNumberResponse] }) data: PhoneNumberResponse[];
  @ApiProperty({ type: PageMeta }) meta: PageMeta;
}

export function toNumberResponse(view: PhoneNumberView): PhoneNumberResponse {
  return {
    phone_number: view.phoneNumber,
    type: view.type,
    country: view.country,
    messaging_profile_id: view.messagingProfileId,
    campaign_id: view.campaignId,
    created_at: view.createdAt,
    updated_at: view.updatedAt,
  };
}
