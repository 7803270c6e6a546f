import { api } from '../../api/client';
import type { Profile, ProfileSettings } from '../../api/types';
import { useResource } from '../../api/use-resource';
import { ErrorNotice, Loading } from '../../components/notice';
import { Page } from '../../components/page';
import { ProfileForm } from '../../components/profile-form';
import { Link } from '../../router';
import { useState } from 'preact/hooks';
import { AssignedNumbers } from './assigned-numbers';
import { DeleteProfile } from './delete-profile';
import { Deliveries } from './deliveries';
import { ReportSection } from './report-section';
import { WebhookSecret } from './webhook-secret';

const back = <Link href="/messaging-profiles">← Messaging profiles</Link>;

function Settings({ profile, onSaved }: { profile: Profile; onSaved: () => Promise<void> }) {
  const [saved, setSaved] = useState<string>();
  const save = async (settings: ProfileSettings) => {
    setSaved(undefined);
    await api<Profile>('PATCH', `/messaging-profiles/${profile.id}`, settings);
    await onSaved();
    setSaved(`Saved at ${new Date().toLocaleTimeString()}.`);
  };
  return (
    <section aria-labelledby="settings-title" class="card">
      <h2 id="settings-title">Settings</h2>
      <p class="hint">Changes apply at once to in-flight and future messages.</p>
      <ProfileForm initial={profile} submitLabel="Save changes" onSubmit={save}>
        <span role="status" class="saved">
          {saved}
        </span>
      </ProfileForm>
    </section>
  );
}

/** /portal/messaging-profiles/<id>: everything about one profile, section by section. */
export function ProfileDetail({ id }: { id: string }) {
  const profile = useResource<Profile>(`/messaging-profiles/${encodeURIComponent(id)}`);
  const data = profile.answer?.data;
  if (!data) {
    return (
      <Page title={profile.error ? 'Profile not found' : 'Messaging profile'} back={back}>
        {profile.error ? (
          <ErrorNotice error={profile.error}>
            <p>
              It may have been deleted, or belong to another account.{' '}
              <Link href="/messaging-profiles">See your profiles</Link>.
            </p>
          </ErrorNotice>
        ) : (
          <Loading />
        )}
      </Page>
    );
  }
  return (
    <Page title={data.name} back={back}>
      <p class="lead">
        <span class="code">{data.id}</span> · {data.number_count}{' '}
        {data.number_count === 1 ? 'number' : 'numbers'} assigned
      </p>
      <nav class="in-page" aria-label="On this page">
        <a href="#numbers-title">Numbers</a>
        <a href="#settings-title">Settings</a>
        <a href="#secret-title">Webhook secret</a>
        <a href="#deliveries-title">Deliveries</a>
        <a href="#report-title">Report</a>
        <a href="#delete-title">Delete</a>
      </nav>
      <AssignedNumbers profileId={data.id} onChanged={profile.reload} />
      <Settings profile={data} onSaved={profile.reload} />
      <WebhookSecret profileId={data.id} />
      <Deliveries profileId={data.id} />
      <ReportSection profileId={data.id} />
      <DeleteProfile profile={data} />
    </Page>
  );
}
