import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID } from 'class-validator';

export class ProvisionNumberRequest {
  @ApiProperty({ example: '+15551234567', description: 'E.164; 422 invalid_phone_number if not' })
  @IsString({ context: { code: 'invalid_phone_number' } })
  phone_number: string;
}

/** A field left out stays as it is; null clears it. */
export class UpdateNumberRequest {
  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Assign or move to this profile; null unassigns',
  })
  @IsOptional()
  @IsUUID('all')
  messaging_profile_id?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Attach this active campaign of the account; null detaches',
  })
  @IsOptional()
  @IsUUID('all')
  campaign_id?: string | null;
}
