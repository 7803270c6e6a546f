import { useState } from 'preact/hooks';
import { api, ApiError } from '../../api/client';
import type { Profile } from '../../api/types';
import { ConfirmButton } from '../../components/confirm-button';
import { flash } from '../../components/flash';
import { ErrorNotice } from '../../components/notice';
import { Link, navigate } from '../../router';

/** Delete, refused by the API while numbers are assigned: its reason, and where to fix it. */
export function DeleteProfile({ profile }: { profile: Profile }) {
  const [error, setError] = useState<ApiError>();
  const remove = async () => {
    setError(undefined);
    try {
      await api('DELETE', `/messaging-profiles/${profile.id}`);
      flash(`Profile "${profile.name}" deleted.`);
      navigate('/messaging-profiles');
    } catch (caught) {
      setError(caught as ApiError);
    }
  };
  return (
    <section aria-labelledby="delete-title" class="card danger-zone">
      <h2 id="delete-title">Delete profile</h2>
      <p class="hint">A profile can be deleted once no numbers are assigned to it.</p>
      {error && (
        <ErrorNotice error={error}>
          {error.has('profile_has_numbers') && (
            <p>
              Go to{' '}
              <Link href={`/numbers?messaging_profile_id=${profile.id}`}>Numbers → Manage</Link> to
              reassign or release them.
            </p>
          )}
        </ErrorNotice>
      )}
      <ConfirmButton
        label="Delete profile"
        confirmLabel="Delete for good"
        prompt={`Delete "${profile.name}"?`}
        onConfirm={remove}
        danger
      />
    </section>
  );
}
