import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class CreateAccountRequest {
  @ApiProperty({ minLength: 1, maxLength: 100, example: 'Acme Corp' })
  @IsString()
  @Length(1, 100)
  name: string;
}

export class AccountCreatedView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Shown once; only its SHA-256 hash is stored' }) api_key: string;
  @ApiProperty({ format: 'date-time' }) created_at: string;
}
