import { Query } from '@nestjs/cqrs';
import { PhoneNumberView } from '../views';

/** One number of the account, from the read model (any E.164 spelling); NumberNotFound (404) otherwise. */
export class GetPhoneNumber extends Query<PhoneNumberView> {
  readonly accountId: string;
  readonly phoneNumber: string;

  constructor(input: { accountId: string; phoneNumber: string }) {
    super();
    Object.assign(this, input);
  }
}
