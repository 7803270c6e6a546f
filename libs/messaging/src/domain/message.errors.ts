import { ResourceNotFound } from '@blocx/platform';

/** Unknown, or another account's message: the same 404. */
export class MessageNotFound extends ResourceNotFound {
  constructor(messageId: string) {
    super('message', messageId);
  }
}
