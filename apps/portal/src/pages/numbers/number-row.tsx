import { useState } from 'preact/hooks';
import { api, ApiError, phonePath } from '../../api/client';
import type { Campaign, PhoneNumber, Profile } from '../../api/types';
import { ConfirmButton } from '../../components/confirm-button';
import { ErrorNotice } from '../../components/notice';
import { Link } from '../../router';

interface Props {
  number: PhoneNumber;
  profiles: Profile[];
  campaigns: Campaign[];
  onChanged: () => Promise<void>;
}

/** One number: pick a profile and a campaign, then Save; or release it. */
export function NumberRow({ number, profiles, campaigns, onChanged }: Props) {
  const [profileId, setProfileId] = useState(number.messaging_profile_id ?? '');
  const [campaignId, setCampaignId] = useState(number.campaign_id ?? '');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const changes: Record<string, string | null> = {};
  if (profileId !== (number.messaging_profile_id ?? '')) {
    changes.messaging_profile_id = profileId || null;
  }
  if (campaignId !== (number.campaign_id ?? '')) changes.campaign_id = campaignId || null;
  const dirty = Object.keys(changes).length > 0;
  const id = number.phone_number.replace(/\D/g, '');

  const run = async (call: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await call();
      await onChanged();
    } catch (caught) {
      setError(caught as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const save = () => run(() => api('PATCH', `/numbers/${phonePath(number.phone_number)}`, changes));
  const release = () => run(() => api('DELETE', `/numbers/${phonePath(number.phone_number)}`));

  return (
    <>
      <tr>
        <th scope="row" data-label="Number">
          <span class="code">{number.phone_number}</span>
          <span class="muted small-text">
            {' '}
            {number.type === 'toll_free' ? 'toll-free' : 'long code'}
          </span>
        </th>
        <td data-label="Messaging profile">
          <label for={`profile-${id}`} class="visually-hidden">
            Messaging profile of {number.phone_number}
          </label>
          <select
            id={`profile-${id}`}
            value={profileId}
            onChange={(e) => setProfileId(e.currentTarget.value)}
          >
            <option value="">Unassigned</option>
            {profiles.map((profile) => (
              <option key={profile.id} value={profile.id}>
                {profile.name}
              </option>
            ))}
          </select>
          {number.messaging_profile_id && (
            <Link
              href={`/messaging-profiles/${number.messaging_profile_id}`}
              class="small-text cell-link"
            >
              Open
            </Link>
          )}
        </td>
        <td data-label="10DLC campaign">
          <label for={`campaign-${id}`} class="visually-hidden">
            Campaign of {number.phone_number}
          </label>
          <select
            id={`campaign-${id}`}
            value={campaignId}
            onChange={(e) => setCampaignId(e.currentTarget.value)}
          >
            <option value="">None</option>
            {campaigns.map((campaign) => (
              <option key={campaign.id} value={campaign.id}>
                {campaign.brand_name} · {campaign.use_case}
              </option>
            ))}
          </select>
        </td>
        <td class="row-actions" data-label="Actions">
          <button
            type="button"
            class="primary"
            disabled={!dirty || busy}
            onClick={() => void save()}
            aria-label={`Save ${number.phone_number}`}
          >
            Save
          </button>
          <ConfirmButton
            label="Release"
            confirmLabel="Release for good"
            prompt="It leaves the account."
            onConfirm={release}
            danger
            disabled={busy}
            accessibleLabel={`Release ${number.phone_number}`}
          />
        </td>
      </tr>
      {error && (
        <tr class="row-error">
          <td colSpan={4}>
            <ErrorNotice error={error} />
          </td>
        </tr>
      )}
    </>
  );
}
