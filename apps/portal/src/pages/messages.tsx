import { query } from '../api/client';
import { useAllProfiles } from '../api/profiles';
import { Message, MESSAGE_STATUSES } from '../api/types';
import { useResource } from '../api/use-resource';
import { Empty, When } from '../components/notice';
import { Page } from '../components/page';
import { PagedList, usePageNumber } from '../components/paged-list';
import { Link, navigate, useLocation, withQuery } from '../router';

const PAGE_SIZE = 25;

function Filters({ profiles }: { profiles: { id: string; name: string }[] }) {
  const here = useLocation();
  const select = (name: string) => (event: Event) =>
    navigate(
      withQuery(here, { [name]: (event.currentTarget as HTMLSelectElement).value, page: null }),
    );
  return (
    <form class="filters" aria-label="Filter messages" onSubmit={(e) => e.preventDefault()}>
      <div class="field">
        <label for="filter-profile">Profile</label>
        <select
          id="filter-profile"
          value={here.query.get('messaging_profile_id') ?? ''}
          onChange={select('messaging_profile_id')}
        >
          <option value="">All profiles</option>
          {profiles.map((profile) => (
            <option key={profile.id} value={profile.id}>
              {profile.name}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="filter-direction">Direction</label>
        <select
          id="filter-direction"
          value={here.query.get('direction') ?? ''}
          onChange={select('direction')}
        >
          <option value="">Both</option>
          <option value="outbound">Outbound</option>
          <option value="inbound">Inbound</option>
        </select>
      </div>
      <div class="field">
        <label for="filter-status">Status</label>
        <select
          id="filter-status"
          value={here.query.get('status') ?? ''}
          onChange={select('status')}
        >
          <option value="">Any</option>
          {MESSAGE_STATUSES.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}

export function StatusBadge({ status }: { status: Message['status'] }) {
  return <span class={`badge status-${status}`}>{status}</span>;
}

function MessageTable({
  messages,
  nameOf,
}: {
  messages: Message[];
  nameOf: (id: string | null) => string | undefined;
}) {
  return (
    <table class="stack">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Direction</th>
          <th scope="col">From</th>
          <th scope="col">To</th>
          <th scope="col">Text</th>
          <th scope="col">Profile</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {messages.map((message) => (
          <tr key={message.id}>
            <th scope="row" data-label="When">
              <Link
                href={`/messages/${message.id}`}
                aria-label={`Message of ${new Date(message.created_at).toLocaleString()}`}
              >
                <When iso={message.created_at} />
              </Link>
            </th>
            <td data-label="Direction">{message.direction}</td>
            <td data-label="From" class="code">
              {message.from}
            </td>
            <td data-label="To" class="code">
              {message.to}
            </td>
            <td data-label="Text" class="text-cell">
              {message.text}
            </td>
            <td data-label="Profile">{nameOf(message.messaging_profile_id) ?? '—'}</td>
            <td data-label="Status">
              <StatusBadge status={message.status} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** /portal/messages — the log, filtered by profile, direction and status (kept in the address). */
export function Messages() {
  const here = useLocation();
  const { profiles, nameOf } = useAllProfiles();
  const page = usePageNumber();
  const filters = {
    messaging_profile_id: here.query.get('messaging_profile_id'),
    direction: here.query.get('direction'),
    status: here.query.get('status'),
  };
  const list = useResource<Message[]>(
    `/messages${query({ ...filters, 'page[number]': page, 'page[size]': PAGE_SIZE })}`,
  );
  const filtered = Object.values(filters).some(Boolean);
  return (
    <Page
      title="Messages"
      actions={
        <>
          <button type="button" onClick={() => void list.reload()} disabled={list.loading}>
            Refresh
          </button>
          <Link href="/messages/send" class="button primary">
            Send test message
          </Link>
        </>
      }
    >
      <Filters profiles={profiles} />
      <PagedList
        list={list}
        label="Messages"
        empty={
          <Empty>
            <p>{filtered ? 'No messages match these filters.' : 'No messages yet.'}</p>
            {!filtered && (
              <p>
                <Link href="/messages/send">Send a test message</Link> from one of your numbers.
              </p>
            )}
          </Empty>
        }
      >
        {(messages) => <MessageTable messages={messages} nameOf={nameOf} />}
      </PagedList>
    </Page>
  );
}
