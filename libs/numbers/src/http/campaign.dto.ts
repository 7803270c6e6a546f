import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import {
  BRAND_NAME_MAX,
  CAMPAIGN_USE_CASES,
  CampaignUseCase,
  DESCRIPTION_MAX,
} from '../domain/campaign-use-case';
import { CampaignView } from '../queries/views';
import { PageMeta } from './number.response';

export class RegisterCampaignRequest {
  @ApiProperty({ minLength: 1, maxLength: BRAND_NAME_MAX, example: 'Acme' })
  @IsString()
  @Length(1, BRAND_NAME_MAX)
  brand_name: string;

  @ApiProperty({ enum: CAMPAIGN_USE_CASES })
  @IsString()
  @IsIn(CAMPAIGN_USE_CASES)
  use_case: string;

  @ApiProperty({ minLength: 1, maxLength: DESCRIPTION_MAX, example: 'One-time login codes' })
  @IsString()
  @Length(1, DESCRIPTION_MAX)
  description: string;
}

export class CampaignResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() brand_name: string;
  @ApiProperty({ enum: CAMPAIGN_USE_CASES }) use_case: CampaignUseCase;
  @ApiProperty() description: string;
  @ApiProperty({ enum: ['active'] }) status: 'active';
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;
}

export class CampaignBody {
  @ApiProperty({ type: CampaignResponse }) data: CampaignResponse;
}

export class CampaignListBody {
  @ApiProperty({ type: [CampaignResponse] }) data: CampaignResponse[];
  @ApiProperty({ type: PageMeta }) meta: PageMeta;
}

export function toCampaignResponse(view: CampaignView): CampaignResponse {
  return {
    id: view.id,
    brand_name: view.brandName,
    use_case: view.useCase,
    description: view.description,
    status: view.status,
    created_at: view.createdAt,
    updated_at: view.updatedAt,
  };
}
