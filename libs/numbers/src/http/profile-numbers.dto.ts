import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsString } from 'class-validator';
import { NumberAssignment } from '../commands/assign-numbers-to-profile/assign-numbers-to-profile.command';

export const MAX_NUMBERS_PER_ASSIGNMENT = 100;

export class AssignNumbersRequest {
  @ApiProperty({
    type: [String],
    minItems: 1,
    maxItems: MAX_NUMBERS_PER_ASSIGNMENT,
    example: ['+15551234567'],
    description: 'E.164 numbers of the account; all are checked before any moves',
  })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_NUMBERS_PER_ASSIGNMENT)
  @IsString({ each: true, context: { code: 'invalid_phone_number' } })
  phone_numbers: string[];
}

export class NumberAssignmentResponse {
  @ApiProperty({ example: '+15551234567' }) phone_number: string;
  @ApiProperty({ format: 'uuid' }) messaging_profile_id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  previous_messaging_profile_id: string | null;
}

export class NumberAssignmentsBody {
  @ApiProperty({ type: [NumberAssignmentResponse] }) data: NumberAssignmentResponse[];
}

export function toAssignmentResponse(assignment: NumberAssignment): NumberAssignmentResponse {
  return {
    phone_number: assignment.phoneNumber,
    messaging_profile_id: assignment.messagingProfileId,
    previous_messaging_profile_id: assignment.previousMessagingProfileId,
  };
}
