import { Query } from '@nestjs/cqrs';
import { MessageView } from '../../domain/message.aggregate';

/** One message of the account, from the read model; MessageNotFound (404) otherwise. */
export class GetMessage extends Query<MessageView> {
  readonly accountId: string;
  readonly messageId: string;

  constructor(input: { accountId: string; messageId: string }) {
    super();
    Object.assign(this, input);
  }
}
