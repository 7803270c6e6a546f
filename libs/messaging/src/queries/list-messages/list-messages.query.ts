import { Query } from '@nestjs/cqrs';
import { MessageView } from '../../domain/message.aggregate';
import { MessageDirection, MessageStatus } from '../../domain/message.events';

export interface MessagePage {
  items: MessageView[];
  total: number;
}

/** The account's messages, newest first, with optional filters. */
export class ListMessages extends Query<MessagePage> {
  readonly accountId: string;
  readonly messagingProfileId?: string;
  readonly direction?: MessageDirection;
  readonly status?: MessageStatus;
  readonly offset: number;
  readonly limit: number;

  constructor(input: {
    accountId: string;
    messagingProfileId?: string;
    direction?: MessageDirection;
    status?: MessageStatus;
    offset: number;
    limit: number;
  }) {
    super();
    Object.assign(this, input);
  }
}
