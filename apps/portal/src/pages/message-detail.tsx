import { useEffect } from 'preact/hooks';
import { useAllProfiles } from '../api/profiles';
import type { Message } from '../api/types';
import { useResource } from '../api/use-resource';
import { ErrorNotice, Loading, When } from '../components/notice';
import { Page } from '../components/page';
import { Link } from '../router';
import { StatusBadge } from './messages';

const FINAL = new Set(['delivered', 'failed', 'received']);
const back = <Link href="/messages">← Messages</Link>;

/**
 * The API keeps a message's current status and when it last changed: the history shown is the
 * start (queued or received) and, once it moved on, where it is now.
 */
function StatusHistory({ message }: { message: Message }) {
  const first = message.direction === 'inbound' ? 'received' : 'queued';
  return (
    <ol class="timeline" aria-label="Status history">
      <li>
        <StatusBadge status={first} /> <When iso={message.created_at} />
      </li>
      {message.status !== first && (
        <li>
          <StatusBadge status={message.status} /> <When iso={message.updated_at} />
        </li>
      )}
      {!FINAL.has(message.status) && (
        <li class="muted" aria-live="polite">
          Waiting for the carrier… (this page updates by itself)
        </li>
      )}
    </ol>
  );
}

function Details({ message }: { message: Message }) {
  const { nameOf } = useAllProfiles();
  const [number, recipient] =
    message.direction === 'outbound' ? [message.from, message.to] : [message.to, message.from];
  return (
    <dl class="details">
      <dt>Status</dt>
      <dd>
        <StatusBadge status={message.status} />
      </dd>
      <dt>Direction</dt>
      <dd>{message.direction}</dd>
      <dt>From</dt>
      <dd class="code">{message.from}</dd>
      <dt>To</dt>
      <dd class="code">{message.to}</dd>
      <dt>Text</dt>
      <dd class="message-text">{message.text}</dd>
      <dt>Encoding</dt>
      <dd>
        {message.encoding}, {message.parts} {message.parts === 1 ? 'part' : 'parts'}
      </dd>
      <dt>Profile</dt>
      <dd>
        {message.messaging_profile_id ? (
          <Link href={`/messaging-profiles/${message.messaging_profile_id}`}>
            {nameOf(message.messaging_profile_id)}
          </Link>
        ) : (
          '—'
        )}
      </dd>
      <dt>Consent</dt>
      <dd>
        <Link
          href={`/opt-outs?number=${encodeURIComponent(number)}&recipient=${encodeURIComponent(recipient)}`}
        >
          Consent history of {recipient} with {number}
        </Link>
      </dd>
      <dt>ID</dt>
      <dd class="code">{message.id}</dd>
    </dl>
  );
}

/** /portal/messages/<id>: the message, its status history and errors; polls until final. */
export function MessageDetail({ id }: { id: string }) {
  const resource = useResource<Message>(`/messages/${encodeURIComponent(id)}`);
  const message = resource.answer?.data;
  const settled = message ? FINAL.has(message.status) : false;
  useEffect(() => {
    if (!message || settled) return;
    const timer = setTimeout(() => void resource.reload(), 700);
    return () => clearTimeout(timer);
  }, [message, settled]);

  if (!message) {
    return (
      <Page title="Message" back={back}>
        {resource.error ? <ErrorNotice error={resource.error} /> : <Loading />}
      </Page>
    );
  }
  return (
    <Page
      title={`${message.direction === 'outbound' ? 'Outbound' : 'Inbound'} message`}
      back={back}
    >
      <div class="grid-2">
        <section class="card" aria-labelledby="message-details-title">
          <h2 id="message-details-title">Details</h2>
          <Details message={message} />
        </section>
        <section class="card" aria-labelledby="message-history-title">
          <h2 id="message-history-title">Status history</h2>
          <StatusHistory message={message} />
          {message.errors.length > 0 && (
            <>
              <h3>Errors</h3>
              <ul class="errors">
                {message.errors.map((error, index) => (
                  <li key={index}>
                    <strong>{error.title}</strong> <span class="code">({error.code})</span>
                    <br />
                    {error.detail}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      </div>
    </Page>
  );
}
