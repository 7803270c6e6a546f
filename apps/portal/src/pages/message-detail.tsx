import { useEffect } from 'preact/hooks';
import { useAllProfiles } from '../api/profiles';
import type { Message, MessageStatusHistory } from '../api/types';
import { useResource } from '../api/use-resource';
import { ErrorNotice, Loading, When } from '../components/notice';
import { Page } from '../components/page';
import { Link } from '../router';
import { StatusBadge } from './messages';

const FINAL = new Set(['delivered', 'failed', 'received']);
const back = <Link href="/messages">← Messages</Link>;

type StatusStep = MessageStatusHistory['events'][number];

/** Why a step failed, as the carrier or the final gate put it. */
function StepErrors({ errors }: { errors: StatusStep['errors'] }) {
  return (
    <ul class="errors">
      {errors.map((error, index) => (
        <li key={index}>
          <strong>{error.title}</strong> <span class="code">({error.code})</span>
          <br />
          {error.detail}
        </li>
      ))}
    </ul>
  );
}

/** Every status the message had, replayed from the event log, each with its time. */
function StatusHistory({ history }: { history: MessageStatusHistory }) {
  return (
    <ol class="timeline" aria-label="Status history">
      {history.events.map((step, index) => (
        <li key={index}>
          <StatusBadge status={step.status} /> <When iso={step.occurred_at} />
          {step.carrier && (
            <>
              {' '}
              via {step.carrier}{' '}
              {step.carrier_message_id && <span class="code">({step.carrier_message_id})</span>}
            </>
          )}
          {step.errors.length > 0 && <StepErrors errors={step.errors} />}
        </li>
      ))}
      {!FINAL.has(history.status) && (
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

/** /portal/messages/<id>: the message and its status history; polls until both are final. */
export function MessageDetail({ id }: { id: string }) {
  const path = `/messages/${encodeURIComponent(id)}`;
  const resource = useResource<Message>(path);
  const history = useResource<MessageStatusHistory>(`${path}/status-history`);
  const message = resource.answer?.data;
  const steps = history.answer?.data;
  // The history is replayed from the log, which the message's read model follows: wait for both.
  const settled = message && steps ? FINAL.has(message.status) && FINAL.has(steps.status) : false;
  useEffect(() => {
    if (!message || settled) return;
    const timer = setTimeout(() => {
      void resource.reload();
      void history.reload();
    }, 700);
    return () => clearTimeout(timer);
  }, [message, steps, settled]);

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
          {steps ? (
            <StatusHistory history={steps} />
          ) : history.error ? (
            <ErrorNotice error={history.error} />
          ) : (
            <Loading label="Loading the status history…" />
          )}
        </section>
      </div>
    </Page>
  );
}
