import { useState } from 'preact/hooks';
import { api, ApiError } from '../../api/client';
import type { WebhookAttempt, WebhookDelivery } from '../../api/types';
import { useResource } from '../../api/use-resource';
import { Empty, ErrorNotice, When } from '../../components/notice';
import { Pager } from '../../components/pager';

const PAGE_SIZE = 10;

function Attempt({ attempt, ordinal }: { attempt: WebhookAttempt; ordinal: number }) {
  const outcome = attempt.status_code !== null ? `HTTP ${attempt.status_code}` : attempt.error;
  const ok = attempt.status_code !== null && attempt.status_code < 300;
  return (
    <li>
      <span class={`badge ${ok ? 'badge-good' : 'badge-bad'}`}>#{ordinal}</span>{' '}
      <When iso={attempt.at} /> · <span class="url">{attempt.url}</span> · {outcome} ·{' '}
      {attempt.duration_ms} ms
    </li>
  );
}

function DeliveryRow({ delivery, onRetry }: { delivery: WebhookDelivery; onRetry: () => void }) {
  return (
    <li class="delivery">
      <div class="delivery-head">
        <span class="code">{delivery.event_type}</span>
        <span class={`badge status-${delivery.status}`}>{delivery.status}</span>
        <When iso={delivery.created_at} />
        {delivery.status !== 'delivered' && (
          <button type="button" class="small" onClick={onRetry}>
            Retry now
          </button>
        )}
      </div>
      <details>
        <summary>
          {delivery.attempts.length} {delivery.attempts.length === 1 ? 'attempt' : 'attempts'}
          {delivery.next_attempt_at && delivery.status === 'pending' && (
            <>
              {' '}
              · next <When iso={delivery.next_attempt_at} />
            </>
          )}
        </summary>
        {delivery.attempts.length === 0 ? (
          <p class="muted">Not tried yet.</p>
        ) : (
          <ol class="attempts">
            {delivery.attempts.map((attempt, index) => (
              <Attempt key={index} attempt={attempt} ordinal={index + 1} />
            ))}
          </ol>
        )}
      </details>
    </li>
  );
}

/** Recent webhook deliveries of the profile, each with its attempts, and a retry. */
export function Deliveries({ profileId }: { profileId: string }) {
  const [page, setPage] = useState(1);
  const list = useResource<WebhookDelivery[]>(
    `/webhook-deliveries?messaging_profile_id=${profileId}&page[number]=${page}&page[size]=${PAGE_SIZE}`,
  );
  const [error, setError] = useState<ApiError>();
  const [status, setStatus] = useState('');
  const retry = async (id: string) => {
    setError(undefined);
    try {
      await api('POST', `/webhook-deliveries/${id}/retry`);
      setStatus('Retry started.');
      await list.reload();
    } catch (caught) {
      setError(caught as ApiError);
    }
  };
  const deliveries = list.answer?.data;
  return (
    <section aria-labelledby="deliveries-title" class="card">
      <div class="section-head">
        <h2 id="deliveries-title">Webhook deliveries</h2>
        <button type="button" onClick={() => void list.reload()} disabled={list.loading}>
          Refresh
        </button>
      </div>
      {(error ?? list.error) && <ErrorNotice error={(error ?? list.error) as ApiError} />}
      <p role="status" class="saved">
        {status}
      </p>
      {deliveries && deliveries.length === 0 && (
        <Empty>
          <p>
            No deliveries yet. They appear when traffic on this profile's numbers produces an event
            the profile subscribes to, while a webhook URL is set.
          </p>
        </Empty>
      )}
      {deliveries && deliveries.length > 0 && (
        <ul class="deliveries">
          {deliveries.map((delivery) => (
            <DeliveryRow
              key={delivery.id}
              delivery={delivery}
              onRetry={() => void retry(delivery.id)}
            />
          ))}
        </ul>
      )}
      <Pager meta={list.answer?.meta} onPage={setPage} />
    </section>
  );
}
