import { Command } from '@nestjs/cqrs';
import { MessageView } from '../../domain/message.aggregate';

/**
 * `POST /messaging/send`: checks the request in the contract's order, then queues the message.
 * The body fields are taken as received (unknown), so the checks decide every error code.
 */
export class SendMessage extends Command<MessageView> {
  readonly accountId: string;
  readonly from: unknown;
  readonly to: unknown;
  readonly text: unknown;
  readonly idempotencyKey?: string;

  constructor(input: {
    accountId: string;
    from: unknown;
    to: unknown;
    text: unknown;
    idempotencyKey?: string;
  }) {
    super();
    Object.assign(this, input);
  }
}
