import { useAllProfiles } from '../../api/profiles';
import type { Campaign, PhoneNumber } from '../../api/types';
import { useResource } from '../../api/use-resource';
import { Empty } from '../../components/notice';
import { Page } from '../../components/page';
import { PagedList, usePageNumber } from '../../components/paged-list';
import { Link, navigate, useLocation, withQuery } from '../../router';
import { AddNumber } from './add-number';
import { NumberRow } from './number-row';

const PAGE_SIZE = 20;

/** /portal/numbers — Numbers → Manage: add, assign or move, attach a campaign, release. */
export function Numbers() {
  const here = useLocation();
  const profileFilter = here.query.get('messaging_profile_id') ?? '';
  const page = usePageNumber();
  const filter = profileFilter ? `&messaging_profile_id=${encodeURIComponent(profileFilter)}` : '';
  const list = useResource<PhoneNumber[]>(
    `/numbers?page[number]=${page}&page[size]=${PAGE_SIZE}${filter}`,
  );
  const campaigns = useResource<Campaign[]>('/campaigns?page[size]=250');
  const profiles = useAllProfiles();
  const reload = async () => {
    await Promise.all([list.reload(), profiles.reload()]);
  };

  return (
    <Page title="Manage numbers">
      <p class="lead">
        A number belongs to one profile at a time. US long codes need a 10DLC campaign (
        <Link href="/campaigns">register one</Link>) before sending to US numbers.
      </p>
      <AddNumber onAdded={reload} />
      <section aria-labelledby="numbers-list-title" class="card">
        <div class="section-head">
          <h2 id="numbers-list-title">Numbers</h2>
          <div class="inline-controls">
            <label for="numbers-profile-filter">Profile</label>
            <select
              id="numbers-profile-filter"
              value={profileFilter}
              onChange={(e) =>
                navigate(
                  withQuery(here, { messaging_profile_id: e.currentTarget.value, page: null }),
                )
              }
            >
              <option value="">All numbers</option>
              {profiles.profiles.map((profile) => (
                <option key={profile.id} value={profile.id}>
                  {profile.name}
                </option>
              ))}
            </select>
          </div>
        </div>
        <PagedList
          list={list}
          label="Numbers table"
          empty={
            <Empty>
              <p>
                {profileFilter
                  ? 'No numbers on this profile.'
                  : 'No numbers yet. Add the first one above.'}
              </p>
            </Empty>
          }
        >
          {(numbers) => (
            <table class="stack">
              <thead>
                <tr>
                  <th scope="col">Number</th>
                  <th scope="col">Messaging profile</th>
                  <th scope="col">10DLC campaign</th>
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {numbers.map((number) => (
                  <NumberRow
                    key={`${number.phone_number}:${number.updated_at}`}
                    number={number}
                    profiles={profiles.profiles}
                    campaigns={campaigns.answer?.data ?? []}
                    onChanged={reload}
                  />
                ))}
              </tbody>
            </table>
          )}
        </PagedList>
      </section>
    </Page>
  );
}
