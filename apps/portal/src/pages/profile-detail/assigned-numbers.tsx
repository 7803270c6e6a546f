import { useState } from 'preact/hooks';
import type { PhoneNumber } from '../../api/types';
import { useResource } from '../../api/use-resource';
import { Empty, ErrorNotice } from '../../components/notice';
import { Link } from '../../router';
import { AssignPanel } from './assign-panel';

const TYPE_LABELS: Record<PhoneNumber['type'], string> = {
  long_code: 'Long code',
  toll_free: 'Toll-free',
};

function NumberTable({ numbers }: { numbers: PhoneNumber[] }) {
  return (
    <div class="table-wrap" role="region" aria-label="Assigned numbers" tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">Number</th>
            <th scope="col">Type</th>
            <th scope="col">10DLC campaign</th>
          </tr>
        </thead>
        <tbody>
          {numbers.map((number) => (
            <tr key={number.phone_number}>
              <th scope="row" class="code">
                {number.phone_number}
              </th>
              <td>{TYPE_LABELS[number.type]}</td>
              <td>
                {number.campaign_id ? (
                  <span class="code">{number.campaign_id.slice(0, 8)}</span>
                ) : number.type === 'long_code' ? (
                  <span class="warn">None: US sends need one</span>
                ) : (
                  <span class="muted">Not needed</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The numbers on the profile, and Assign numbers (which moves numbers from other profiles). */
export function AssignedNumbers({
  profileId,
  onChanged,
}: {
  profileId: string;
  onChanged: () => Promise<void>;
}) {
  const assigned = useResource<PhoneNumber[]>(
    `/messaging-profiles/${profileId}/numbers?page[size]=250`,
  );
  const [open, setOpen] = useState(false);
  const numbers = assigned.answer?.data;
  const changed = async () => {
    setOpen(false);
    await Promise.all([assigned.reload(), onChanged()]);
  };
  return (
    <section aria-labelledby="numbers-title" class="card">
      <div class="section-head">
        <h2 id="numbers-title">Numbers</h2>
        <button
          type="button"
          class="primary"
          aria-expanded={open}
          aria-controls="assign-panel"
          onClick={() => setOpen(!open)}
        >
          Assign numbers
        </button>
      </div>
      {open && (
        <AssignPanel profileId={profileId} onAssigned={changed} onCancel={() => setOpen(false)} />
      )}
      {assigned.error && <ErrorNotice error={assigned.error} />}
      {numbers && numbers.length === 0 && (
        <Empty>
          <p>No numbers on this profile yet. Use Assign numbers to pick some.</p>
        </Empty>
      )}
      {numbers && numbers.length > 0 && <NumberTable numbers={numbers} />}
      <p class="hint">
        Reassign, release or attach campaigns at{' '}
        <Link href={`/numbers?messaging_profile_id=${profileId}`}>Numbers → Manage</Link>.
      </p>
    </section>
  );
}
