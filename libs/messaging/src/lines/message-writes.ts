import {
  AggregateRepository,
  EventMetadata,
  LogPosition,
  WrongExpectedVersion,
} from '@blocx/event-sourcing';
import { Message } from '../domain/message.aggregate';

/**
 * Writes a new message without reading its (empty) stream first: a fresh id has no events, so
 * the append expects `no_stream`. When the id exists after all (a retry reusing its id), the
 * usual load-decide-append runs and the aggregate decides what the retry changes (nothing); the
 * position answered is then the message's own, so a reader waiting for it sees the message.
 */
export async function createMessage(
  messages: AggregateRepository<Message>,
  messageId: string,
  decide: (message: Message) => void,
  metadata: EventMetadata,
): Promise<{ message: Message; position: LogPosition | undefined }> {
  const message = new Message(Message.stream(messageId));
  decide(message);
  try {
    return { message, position: await messages.save(message, metadata) };
  } catch (error) {
    if (!(error instanceof WrongExpectedVersion)) throw error;
    const { aggregate, position } = await messages.execute(message.streamId, decide, metadata);
    return { message: aggregate, position: position ?? aggregate.position };
  }
}

/**
 * Decides on an aggregate already loaded and appends; on a concurrent append it falls back to
 * the repository's bounded reload-and-retry. Saves the second read of a load-then-execute.
 */
export async function changeMessage(
  messages: AggregateRepository<Message>,
  message: Message,
  decide: (message: Message) => void,
  metadata: EventMetadata,
): Promise<void> {
  decide(message);
  try {
    await messages.save(message, metadata);
  } catch (error) {
    if (!(error instanceof WrongExpectedVersion)) throw error;
    await messages.execute(message.streamId, decide, metadata);
  }
}
