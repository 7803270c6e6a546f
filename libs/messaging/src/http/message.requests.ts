import { ApiProperty } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';

/**
 * The fields are checked by SendMessage, in the contract's order and with its codes, not here:
 * `@IsOptional` only declares them, so that unknown fields are still refused.
 */
export class SendMessageRequest {
  @ApiProperty({
    example: '+15551234567',
    description: 'A number of the account, assigned to a profile; 422 invalid_phone_number (/from)',
  })
  @IsOptional()
  from?: unknown;

  @ApiProperty({ example: '+15557654321', description: 'E.164; 422 invalid_phone_number (/to)' })
  @IsOptional()
  to?: unknown;

  @ApiProperty({
    example: 'Your code is 1234',
    description: 'At most 10 SMS parts (1,530 GSM-7 or 670 UCS-2 characters)',
  })
  @IsOptional()
  text?: unknown;
}

/** What the carrier delivers to a platform number. */
export class InboundMessageRequest {
  @ApiProperty({ example: '+15557654321', description: 'The handset' })
  @IsOptional()
  from?: unknown;

  @ApiProperty({ example: '+15551234567', description: 'A number on the platform' })
  @IsOptional()
  to?: unknown;

  @ApiProperty({ example: 'STOP' })
  @IsOptional()
  text?: unknown;
}
