import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsDefined,
  IsObject,
  IsString,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { WEBHOOK_EVENTS } from '../domain/profile-settings';
import { LIMITS } from '../domain/profile-settings.rules';

/**
 * The DTOs check JSON types only; the values (lengths, URLs, countries, keywords) are the
 * aggregate's rules, which answer with specific codes and pointers.
 */
const present = (field: string) => (body: object) =>
  (body as Record<string, unknown>)[field] !== undefined;
/** URLs: `null` clears, so only a non-null value is checked. */
const setNonNull = (field: string) => (body: object) =>
  (body as Record<string, unknown>)[field] !== undefined &&
  (body as Record<string, unknown>)[field] !== null;
const notNull = (field: string) => ({ message: `${field} must be a string; it cannot be null` });

/** A type check that leaves a missing value to @IsDefined, so each failure has its own code. */
const IsStringWhenPresent = () =>
  ValidateBy({
    name: 'isString',
    validator: {
      validate: (value: unknown) =>
        value === undefined || value === null || typeof value === 'string',
      defaultMessage: () => '$property must be a string',
    },
  });

export class KeywordHandlingRequest {
  @ApiPropertyOptional({
    type: [String],
    minItems: 1,
    example: ['STOP', 'OPT OUT'],
    description: `Each 1–${LIMITS.keyword} characters, words separated by single spaces; unique case-insensitively and in one list only; stored upper-case`,
  })
  @ValidateIf(present('keywords'))
  @IsArray()
  @IsString({ each: true })
  keywords?: string[];

  @ApiPropertyOptional({ minLength: 1, maxLength: LIMITS.message, description: 'The reply' })
  @ValidateIf(present('message'))
  @IsString(notNull('message'))
  message?: string;
}

/** The fields of a profile both a create and a PATCH may set. */
class ProfileFieldsRequest {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: LIMITS.url,
    example: 'https://example.com/hooks',
    description: 'Absolute http(s) URL for inbound and status events; null clears it',
  })
  @ValidateIf(setNonNull('webhook_url'))
  @IsString()
  webhook_url?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: LIMITS.url,
    description: 'Tried when the primary URL fails; null clears it',
  })
  @ValidateIf(setNonNull('webhook_failover_url'))
  @IsString()
  webhook_failover_url?: string | null;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENTS, isArray: true, default: WEBHOOK_EVENTS })
  @ValidateIf(present('webhook_events'))
  @IsArray()
  @IsString({ each: true })
  webhook_events?: string[];

  @ApiPropertyOptional({
    type: [String],
    minItems: 1,
    default: ['US'],
    description: 'ISO 3166-1 alpha-2 destination countries, no duplicates',
  })
  @ValidateIf(present('allowed_countries'))
  @IsArray()
  @IsString({ each: true })
  allowed_countries?: string[];

  @ApiPropertyOptional({ type: KeywordHandlingRequest, description: 'Default STOP' })
  @ValidateIf(present('opt_out'))
  @IsObject()
  @ValidateNested()
  @Type(() => KeywordHandlingRequest)
  opt_out?: KeywordHandlingRequest;

  @ApiPropertyOptional({ type: KeywordHandlingRequest, description: 'Default START' })
  @ValidateIf(present('opt_in'))
  @IsObject()
  @ValidateNested()
  @Type(() => KeywordHandlingRequest)
  opt_in?: KeywordHandlingRequest;

  @ApiPropertyOptional({ type: KeywordHandlingRequest, description: 'Default HELP' })
  @ValidateIf(present('help'))
  @IsObject()
  @ValidateNested()
  @Type(() => KeywordHandlingRequest)
  help?: KeywordHandlingRequest;
}

export class CreateMessagingProfileRequest extends ProfileFieldsRequest {
  @ApiProperty({ minLength: 1, maxLength: LIMITS.name, example: 'Support' })
  @IsDefined({ context: { code: 'field_required' }, message: 'name is required' })
  @IsStringWhenPresent()
  name: string;
}

/** Any subset of the fields: a field left out stays, `null` clears a URL. */
export class UpdateMessagingProfileRequest extends ProfileFieldsRequest {
  @ApiPropertyOptional({ minLength: 1, maxLength: LIMITS.name })
  @ValidateIf(present('name'))
  @IsString(notNull('name'))
  name?: string;
}
