import { Command } from '@nestjs/cqrs';

/** Where one number of a bulk assignment ended up, and where it came from. */
export interface NumberAssignment {
  phoneNumber: string;
  messagingProfileId: string;
  previousMessagingProfileId: string | null;
}

/**
 * Moves numbers into a profile. Every number is checked first: one that is not valid, not in the
 * account or listed twice is a 422 (pointer `/phone_numbers/<index>`) and nothing moves. An
 * unknown profile is a 404. Answers once every move is visible on the numbers and the profiles.
 */
export class AssignNumbersToProfile extends Command<NumberAssignment[]> {
  readonly accountId: string;
  readonly profileId: string;
  readonly phoneNumbers: string[];

  constructor(input: { accountId: string; profileId: string; phoneNumbers: string[] }) {
    super();
    Object.assign(this, input);
  }
}
