import { Command } from '@nestjs/cqrs';
import { PhoneNumberView } from '../../queries/views';

/**
 * Brings a number into the account. InvalidPhoneNumber (422) when not valid E.164;
 * NumberAlreadyExists (409) while any account holds it. Answers once the read model shows it.
 */
export class ProvisionNumber extends Command<PhoneNumberView> {
  readonly accountId: string;
  readonly phoneNumber: string;

  constructor(input: { accountId: string; phoneNumber: string }) {
    super();
    Object.assign(this, input);
  }
}
