import { useState } from 'preact/hooks';
import { api, ApiError } from '../../api/client';
import { ConfirmButton } from '../../components/confirm-button';
import { ErrorNotice } from '../../components/notice';

/** The Standard Webhooks signing secret: hidden until revealed; copy; rotate. */
export function WebhookSecret({ profileId }: { profileId: string }) {
  const [secret, setSecret] = useState<string>();
  const [status, setStatus] = useState('');
  const [error, setError] = useState<ApiError>();
  const path = `/messaging-profiles/${profileId}/webhook-secret`;

  const load = async (method: 'GET' | 'POST', suffix = '') => {
    setError(undefined);
    try {
      const answer = await api<{ secret: string }>(method, `${path}${suffix}`);
      setSecret(answer.data.secret);
      return answer.data.secret;
    } catch (caught) {
      setError(caught as ApiError);
      return undefined;
    }
  };
  const copy = async () => {
    const value = secret ?? (await load('GET'));
    if (!value) return;
    try {
      await navigator.clipboard.writeText(value);
      setStatus('Copied to the clipboard.');
    } catch {
      setStatus('The browser did not allow copying; select the secret and copy it yourself.');
    }
  };
  const rotate = async () => {
    if (await load('POST', '/rotate')) {
      setStatus(
        'Rotated. For 24 hours deliveries are signed under both the new and the old secret.',
      );
    }
  };

  return (
    <section aria-labelledby="secret-title" class="card">
      <h2 id="secret-title">Webhook signing secret</h2>
      <p class="hint">
        Verify the <span class="code">webhook-signature</span> header of each delivery with this
        secret (Standard Webhooks).
      </p>
      {/* A code element takes no aria-label, so the name is hidden text and the dots are not read. */}
      <p class="secret">
        <span class="visually-hidden">
          {secret ? 'Webhook secret: ' : 'Webhook secret, hidden'}
        </span>
        <code aria-hidden={secret ? undefined : true}>{secret ?? 'whsec_' + '•'.repeat(24)}</code>
      </p>
      {error && <ErrorNotice error={error} />}
      <div class="actions">
        {secret ? (
          <button type="button" onClick={() => setSecret(undefined)}>
            Hide
          </button>
        ) : (
          <button type="button" onClick={() => void load('GET')}>
            Reveal
          </button>
        )}
        <button type="button" onClick={() => void copy()}>
          Copy
        </button>
        <ConfirmButton
          label="Rotate secret"
          confirmLabel="Rotate now"
          prompt="A new secret signs deliveries from now on."
          onConfirm={rotate}
        />
      </div>
      <p role="status" class="saved">
        {status}
      </p>
    </section>
  );
}
