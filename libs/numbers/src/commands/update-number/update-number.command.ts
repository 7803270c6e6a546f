import { Command } from '@nestjs/cqrs';
import { PhoneNumberView } from '../../queries/views';

/**
 * Assigns, moves or unassigns a number (`messagingProfileId`, null for none) and attaches or
 * detaches its campaign (`campaignId`, null for none); a field left undefined stays. Answers once
 * the move is complete and visible on the number and on both profiles.
 */
export class UpdateNumber extends Command<PhoneNumberView> {
  readonly accountId: string;
  readonly phoneNumber: string;
  readonly messagingProfileId?: string | null;
  readonly campaignId?: string | null;

  constructor(input: {
    accountId: string;
    phoneNumber: string;
    messagingProfileId?: string | null;
    campaignId?: string | null;
  }) {
    super();
    Object.assign(this, input);
  }
}
