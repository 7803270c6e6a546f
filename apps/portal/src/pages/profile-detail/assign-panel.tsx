import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../../api/client';
import { useAllProfiles } from '../../api/profiles';
import type { NumberAssignment, PhoneNumber } from '../../api/types';
import { useResource } from '../../api/use-resource';
import { Empty, ErrorNotice, Loading } from '../../components/notice';
import { Link } from '../../router';

interface Props {
  profileId: string;
  onAssigned: () => Promise<void>;
  onCancel: () => void;
}

/** Picks numbers of the account; each says where it is now, since assigning moves it here. */
export function AssignPanel({ profileId, onAssigned, onCancel }: Props) {
  const all = useResource<PhoneNumber[]>('/numbers?page[size]=250');
  const { nameOf } = useAllProfiles();
  const [chosen, setChosen] = useState<string[]>([]);
  const [filter, setFilter] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const title = useRef<HTMLHeadingElement>(null);
  useEffect(() => title.current?.focus(), []);
  const numbers = (all.answer?.data ?? []).filter((n) =>
    n.phone_number.includes(filter.replace(/[^\d+]/g, '')),
  );

  const toggle = (phoneNumber: string, on: boolean) =>
    setChosen(on ? [...chosen, phoneNumber] : chosen.filter((n) => n !== phoneNumber));
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      await api<NumberAssignment[]>('POST', `/messaging-profiles/${profileId}/numbers`, {
        phone_numbers: chosen,
      });
      await onAssigned();
    } catch (caught) {
      setError(caught as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const where = (number: PhoneNumber) =>
    number.messaging_profile_id === profileId
      ? 'already on this profile'
      : number.messaging_profile_id
        ? `now on ${nameOf(number.messaging_profile_id)}; assigning moves it here`
        : 'unassigned';

  return (
    <form id="assign-panel" class="panel" onSubmit={(event) => void submit(event)}>
      <h3 ref={title} tabIndex={-1}>
        Assign numbers
      </h3>
      {error && <ErrorNotice error={error} />}
      {all.error && <ErrorNotice error={all.error} />}
      {!all.answer && all.loading && <Loading />}
      {all.answer && all.answer.data.length === 0 && (
        <Empty>
          <p>
            The account has no numbers yet. Add them at{' '}
            <Link href="/numbers">Numbers → Manage</Link>.
          </p>
        </Empty>
      )}
      {all.answer && all.answer.data.length > 5 && (
        <div class="field">
          <label for="assign-filter">Filter numbers</label>
          <input
            id="assign-filter"
            type="search"
            inputMode="tel"
            value={filter}
            onInput={(e) => setFilter(e.currentTarget.value)}
          />
        </div>
      )}
      <fieldset class="pick-list">
        <legend class="visually-hidden">Numbers of the account</legend>
        {numbers.map((number) => (
          <label key={number.phone_number} class="check pick">
            <input
              type="checkbox"
              value={number.phone_number}
              disabled={number.messaging_profile_id === profileId}
              checked={chosen.includes(number.phone_number)}
              onChange={(e) => toggle(number.phone_number, e.currentTarget.checked)}
            />
            <span class="code">{number.phone_number}</span>
            <span class="muted">{where(number)}</span>
          </label>
        ))}
      </fieldset>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy || chosen.length === 0}>
          {chosen.length > 0
            ? `Assign ${chosen.length} ${chosen.length === 1 ? 'number' : 'numbers'}`
            : 'Assign'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
