import { Query } from '@nestjs/cqrs';
import { MessageStatusChange } from '../../domain/message.aggregate';
import { MessageStatus } from '../../domain/message.events';

export interface MessageStatusHistoryView {
  messageId: string;
  /** Where the message is now, as of its stream's last event. */
  status: MessageStatus;
  events: MessageStatusChange[];
}

/**
 * Every status of one message of the account, replayed from its stream (never a read model);
 * MessageNotFound (404) otherwise.
 */
export class GetMessageStatusHistory extends Query<MessageStatusHistoryView> {
  readonly accountId: string;
  readonly messageId: string;

  constructor(input: { accountId: string; messageId: string }) {
    super();
    Object.assign(this, input);
  }
}
