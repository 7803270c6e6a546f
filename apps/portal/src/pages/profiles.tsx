import type { Profile } from '../api/types';
import { useResource } from '../api/use-resource';
import { countryName } from '../components/countries';
import { Empty } from '../components/notice';
import { Page } from '../components/page';
import { PagedList, usePageNumber } from '../components/paged-list';
import { Link } from '../router';

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
  );
}

export function Profiles() {
  const page = usePageNumber();
  const list = useResource<Profile[]>(
    `/messaging-profiles?page[number]=${page}&page[size]=${PAGE_SIZE}`,
  );
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
      <PagedList
        list={list}
        label="Messaging profiles"
        empty={
          page === 1 && (
            <Empty>
              <p>No messaging profiles yet.</p>
              <p>
                <Link href="/messaging-profiles/new">Create your first profile</Link>, then assign
                numbers to it.
              </p>
            </Empty>
          )
        }
      >
        {(profiles) => <ProfileTable profiles={profiles} />}
      </PagedList>
    </Page>
  );
}
