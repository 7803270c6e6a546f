import type { Profile } from '../api/types';
import { useResource } from '../api/use-resource';
import { countryName } from '../components/countries';
import { Empty, ErrorNotice, Loading } from '../components/notice';
import { Page } from '../components/page';
import { Pager } from '../components/pager';
import { Link, navigate, useLocation, withQuery } from '../router';

const PAGE_SIZE = 20;

function Countries({ codes }: { codes: string[] }) {
  const shown = codes.slice(0, 4);
  return (
    <span title={codes.map(countryName).join(', ')}>
      {shown.join(', ')}
      {codes.length > shown.length && ` +${codes.length - shown.length}`}
    </span>
  );
}

function ProfileTable({ profiles }: { profiles: Profile[] }) {
  return (
    <div class="table-wrap" role="region" aria-label="Messaging profiles" tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Numbers</th>
            <th scope="col">Webhook URL</th>
            <th scope="col">Countries</th>
          </tr>
        </thead>
        <tbody>
          {profiles.map((profile) => (
            <tr key={profile.id}>
              <th scope="row">
                <Link href={`/messaging-profiles/${profile.id}`}>{profile.name}</Link>
              </th>
              <td class="num">{profile.number_count}</td>
              <td class="url">{profile.webhook_url ?? <span class="muted">None</span>}</td>
              <td>
                <Countries codes={profile.allowed_countries} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Profiles() {
  const here = useLocation();
  const page = Number(here.query.get('page') ?? '1') || 1;
  const list = useResource<Profile[]>(
    `/messaging-profiles?page[number]=${page}&page[size]=${PAGE_SIZE}`,
  );
  const profiles = list.answer?.data;
  return (
    <Page
      title="Messaging profiles"
      actions={
        <Link href="/messaging-profiles/new" class="button primary">
          New profile
        </Link>
      }
    >
      <p class="lead">
        A profile groups numbers that share webhook URLs, opt-out handling and allowed countries.
      </p>
      {list.error && <ErrorNotice error={list.error} />}
      {!profiles && list.loading && <Loading />}
      {profiles && profiles.length === 0 && page === 1 && (
        <Empty>
          <p>No messaging profiles yet.</p>
          <p>
            <Link href="/messaging-profiles/new">Create your first profile</Link>, then assign
            numbers to it.
          </p>
        </Empty>
      )}
      {profiles && profiles.length > 0 && <ProfileTable profiles={profiles} />}
      <Pager
        meta={list.answer?.meta}
        onPage={(next) => navigate(withQuery(here, { page: String(next) }))}
      />
    </Page>
  );
}
