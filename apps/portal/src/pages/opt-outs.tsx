import { useEffect, useState } from 'preact/hooks';
import { query } from '../api/client';
import { useAllProfiles } from '../api/profiles';
import type { ConsentHistory, OptOut } from '../api/types';
import { useResource } from '../api/use-resource';
import { Empty, ErrorNotice, Loading, When } from '../components/notice';
import { Page } from '../components/page';
import { PagedList, usePageNumber } from '../components/paged-list';
import { Link, navigate, useLocation, withQuery } from '../router';

const PAGE_SIZE = 25;
const STATUS_TEXT = { opted_out: 'Opted out', opted_in: 'Opted in', none: 'No consent events' };

function OptOutList() {
  const here = useLocation();
  const { profiles } = useAllProfiles();
  const profileId = here.query.get('messaging_profile_id') ?? '';
  const page = usePageNumber();
  const list = useResource<OptOut[]>(
    `/opt-outs${query({ messaging_profile_id: profileId, 'page[number]': page, 'page[size]': PAGE_SIZE })}`,
  );
  return (
    <section aria-labelledby="opt-outs-title" class="card">
      <div class="section-head">
        <h2 id="opt-outs-title">Current opt-outs</h2>
        <div class="inline-controls">
          <label for="opt-outs-profile">Profile</label>
          <select
            id="opt-outs-profile"
            value={profileId}
            onChange={(e) =>
              navigate(withQuery(here, { messaging_profile_id: e.currentTarget.value, page: null }))
            }
          >
            <option value="">All profiles</option>
            {profiles.map((profile) => (
              <option key={profile.id} value={profile.id}>
                {profile.name}
              </option>
            ))}
          </select>
          <button type="button" onClick={() => void list.reload()}>
            Refresh
          </button>
        </div>
      </div>
      <PagedList
        list={list}
        label="Opt-outs"
        empty={
          <Empty>
            <p>Nobody has opted out{profileId ? ' of this profile’s numbers' : ''}.</p>
          </Empty>
        }
      >
        {(optOuts) => (
          <table class="stack">
            <thead>
              <tr>
                <th scope="col">Recipient</th>
                <th scope="col">Sending number</th>
                <th scope="col">Keyword</th>
                <th scope="col">Opted out</th>
                <th scope="col">
                  <span class="visually-hidden">History</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {optOuts.map((optOut) => (
                <tr key={`${optOut.from}:${optOut.to}`}>
                  <th scope="row" data-label="Recipient" class="code">
                    {optOut.to}
                  </th>
                  <td data-label="Sending number" class="code">
                    {optOut.from}
                  </td>
                  <td data-label="Keyword">{optOut.keyword}</td>
                  <td data-label="Opted out">
                    <When iso={optOut.opted_out_at} />
                  </td>
                  <td data-label="History">
                    <Link
                      href={withQuery(here, { number: optOut.from, recipient: optOut.to })}
                      aria-label={`Consent history of ${optOut.to} with ${optOut.from}`}
                    >
                      History
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </PagedList>
    </section>
  );
}

function HistoryResult({ path }: { path: string }) {
  const history = useResource<ConsentHistory>(path);
  const data = history.answer?.data;
  if (history.error) return <ErrorNotice error={history.error} />;
  if (!data) return <Loading />;
  return (
    <div class="history" aria-live="polite">
      <p>
        <span class="code">{data.recipient}</span> with <span class="code">{data.number}</span>:{' '}
        <span class={`badge consent-${data.status}`}>{STATUS_TEXT[data.status]}</span>
      </p>
      {data.events.length === 0 ? (
        <Empty>
          <p>No opt-out, opt-in or help texts from this recipient to this number.</p>
        </Empty>
      ) : (
        <ol class="timeline">
          {data.events.map((event) => (
            <li key={event.message_id}>
              <When iso={event.occurred_at} /> · <strong>{event.type.replace('_', ' ')}</strong> by{' '}
              <span class="code">{event.keyword}</span> (texted “{event.text}”) ·{' '}
              <Link href={`/messages/${event.message_id}`}>message</Link>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function ConsentLookup() {
  const here = useLocation();
  const [number, setNumber] = useState(here.query.get('number') ?? '');
  const [recipient, setRecipient] = useState(here.query.get('recipient') ?? '');
  const [asOf, setAsOf] = useState(here.query.get('as_of') ?? '');
  const asked = here.query.get('number') && here.query.get('recipient');
  // A History link changes the query without remounting: the fields follow it.
  useEffect(() => {
    setNumber(here.query.get('number') ?? '');
    setRecipient(here.query.get('recipient') ?? '');
    setAsOf(here.query.get('as_of') ?? '');
  }, [here.query.toString()]);
  const submit = (event: Event) => {
    event.preventDefault();
    navigate(withQuery(here, { number: number.trim(), recipient: recipient.trim(), as_of: asOf }));
  };
  const asOfIso = here.query.get('as_of')
    ? new Date(here.query.get('as_of') as string).toISOString()
    : null;
  const path = `/consent/history${query({ number: here.query.get('number'), recipient: here.query.get('recipient'), as_of: asOfIso })}`;
  return (
    <section aria-labelledby="consent-title" class="card">
      <h2 id="consent-title">Consent history of a pair</h2>
      <form class="inline-form" onSubmit={submit}>
        <div class="field">
          <label for="consent-number">Your number</label>
          <input
            id="consent-number"
            type="tel"
            inputMode="tel"
            required
            value={number}
            onInput={(e) => setNumber(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="consent-recipient">Recipient</label>
          <input
            id="consent-recipient"
            type="tel"
            inputMode="tel"
            required
            value={recipient}
            onInput={(e) => setRecipient(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="consent-as-of">As of (optional)</label>
          <input
            id="consent-as-of"
            type="datetime-local"
            value={asOf}
            onInput={(e) => setAsOf(e.currentTarget.value)}
          />
        </div>
        <button type="submit" class="primary">
          Show history
        </button>
      </form>
      {asked && <HistoryResult key={path} path={path} />}
    </section>
  );
}

/** /portal/opt-outs — who has opted out now, and the audit trail of one pair. */
export function OptOuts() {
  return (
    <Page title="Opt-outs">
      <OptOutList />
      <ConsentLookup />
    </Page>
  );
}
