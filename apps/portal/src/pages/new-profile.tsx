import { api } from '../api/client';
import type { Profile } from '../api/types';
import { flash } from '../components/flash';
import { Page } from '../components/page';
import { PROFILE_DEFAULTS } from '../components/profile-defaults';
import { ProfileForm } from '../components/profile-form';
import { Link, navigate } from '../router';

export function NewProfile() {
  const create = async (settings: typeof PROFILE_DEFAULTS) => {
    const created = await api<Profile>('POST', '/messaging-profiles', settings);
    flash(`Profile "${created.data.name}" created.`);
    navigate(`/messaging-profiles/${created.data.id}`);
  };
  return (
    <Page title="New profile" back={<Link href="/messaging-profiles">← Messaging profiles</Link>}>
      <p class="lead">
        Only the name is required; the defaults below are what the profile gets if you keep them.
      </p>
      <ProfileForm initial={PROFILE_DEFAULTS} submitLabel="Save" onSubmit={create}>
        <Link href="/messaging-profiles" class="button">
          Cancel
        </Link>
      </ProfileForm>
    </Page>
  );
}
