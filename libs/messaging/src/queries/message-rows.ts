import { MessageView } from '../domain/message.aggregate';
import { MessageDirection, MessageError, MessageStatus } from '../domain/message.events';
import { MessageEncoding } from '../domain/message-encoding';

export const MESSAGE_COLUMNS = `id, account_id, messaging_profile_id, direction, "from", "to", text,
  status, encoding, parts, errors, created_at, updated_at`;

export interface MessageRow {
  id: string;
  account_id: string;
  messaging_profile_id: string | null;
  direction: MessageDirection;
  from: string;
  to: string;
  text: string;
  status: MessageStatus;
  encoding: MessageEncoding;
  parts: number;
  errors: MessageError[];
  created_at: Date;
  updated_at: Date;
}

export function messageView(row: MessageRow): MessageView {
  return {
    id: row.id,
    accountId: row.account_id,
    direction: row.direction,
    from: row.from,
    to: row.to,
    text: row.text,
    messagingProfileId: row.messaging_profile_id,
    status: row.status,
    encoding: row.encoding,
    parts: row.parts,
    errors: row.errors,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
