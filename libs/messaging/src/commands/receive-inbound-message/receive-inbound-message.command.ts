import { Command } from '@nestjs/cqrs';
import { MessageView } from '../../domain/message.aggregate';

/**
 * `POST /carrier/inbound`: a handset (`from`) texted a platform number (`to`). Records the
 * message on the number's profile and handles its keyword (opt-out, opt-in, help) with the reply,
 * all before it returns.
 */
export class ReceiveInboundMessage extends Command<MessageView> {
  readonly from: unknown;
  readonly to: unknown;
  readonly text: unknown;

  constructor(input: { from: unknown; to: unknown; text: unknown }) {
    super();
    Object.assign(this, input);
  }
}
