import { useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api/client';
import { TextField } from '../components/field';
import { Page } from '../components/page';
import { navigate, useLocation } from '../router';
import { signIn } from '../session';

/** Only portal paths are followed after sign-in, never another site. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/messaging-profiles';
}

export function SignIn() {
  const here = useLocation();
  const [key, setKey] = useState('');
  const [error, setError] = useState<string[]>();
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLFormElement>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    const trimmed = key.trim();
    if (!trimmed) {
      setError(['Paste the API key of your account.']);
      return;
    }
    setBusy(true);
    try {
      // Any cheap authenticated read tells whether the key is good.
      await api('GET', '/messaging-profiles?page[size]=1', undefined, { key: trimmed });
      signIn(trimmed);
      navigate(safeNext(here.query.get('next')), { replace: true });
    } catch (caught) {
      setError([
        caught instanceof ApiError && caught.status === 401
          ? 'This API key was not accepted. Check that you pasted all of it.'
          : caught instanceof Error
            ? caught.message
            : String(caught),
      ]);
      input.current?.querySelector('input')?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title="Sign in">
      <div class="card narrow">
        {here.query.get('expired') && (
          <p class="notice notice-error" role="alert">
            The service no longer accepts the key you signed in with. Sign in again.
          </p>
        )}
        <form ref={input} onSubmit={(event) => void submit(event)} noValidate>
          <TextField
            id="api-key"
            label="API key"
            type="password"
            autocomplete="off"
            spellcheck={false}
            hint="Kept in this browser tab's session only; closing the browser forgets it."
            value={key}
            onValue={setKey}
            error={error}
          />
          <div class="actions">
            <button type="submit" class="primary" disabled={busy}>
              {busy ? 'Checking…' : 'Sign in'}
            </button>
          </div>
        </form>
      </div>
    </Page>
  );
}
