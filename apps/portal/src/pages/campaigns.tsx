import { useRef, useState } from 'preact/hooks';
import { api } from '../api/client';
import { Campaign, USE_CASES } from '../api/types';
import { useResource } from '../api/use-resource';
import { Field, TextArea, TextField } from '../components/field';
import {
  byPointerPrefix,
  focusFirstInvalid,
  FormErrors,
  formErrors,
  NO_ERRORS,
} from '../components/form-errors';
import { Empty, When } from '../components/notice';
import { Page } from '../components/page';
import { PagedList, usePageNumber } from '../components/paged-list';

const PAGE_SIZE = 20;
const fieldFor = byPointerPrefix(['brand_name', 'use_case', 'description']);

function RegisterCampaign({ onRegistered }: { onRegistered: () => Promise<void> }) {
  const [brandName, setBrandName] = useState('');
  const [useCase, setUseCase] = useState('');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [status, setStatus] = useState('');
  const form = useRef<HTMLFormElement>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    setStatus('');
    try {
      const body = { brand_name: brandName, use_case: useCase, description };
      const created = await api<Campaign>('POST', '/campaigns', body);
      setErrors(NO_ERRORS);
      setBrandName('');
      setDescription('');
      setStatus(`Registered ${created.data.brand_name} (${created.data.status}).`);
      await onRegistered();
    } catch (caught) {
      setErrors(formErrors(caught, fieldFor));
      focusFirstInvalid(form.current);
    }
  };
  return (
    <section aria-labelledby="register-title" class="card">
      <h2 id="register-title">Register a 10DLC campaign</h2>
      <form ref={form} onSubmit={(event) => void submit(event)} noValidate>
        {errors.general.length > 0 && (
          <div class="notice notice-error form-errors" role="alert" tabIndex={-1}>
            {errors.general.map((e, i) => (
              <p key={i}>{e.detail ?? e.title}</p>
            ))}
          </div>
        )}
        <TextField
          id="campaign-brand_name"
          label="Brand name"
          maxLength={100}
          value={brandName}
          onValue={setBrandName}
          error={errors.fields.brand_name}
        />
        <Field id="campaign-use_case" label="Use case" error={errors.fields.use_case}>
          {(described) => (
            <select
              {...described}
              value={useCase}
              onChange={(e) => setUseCase(e.currentTarget.value)}
            >
              <option value="">Choose a use case</option>
              {USE_CASES.map((name) => (
                <option key={name} value={name}>
                  {name.replace(/_/g, ' ').toLowerCase()}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextArea
          id="campaign-description"
          label="Description"
          rows={3}
          maxLength={1000}
          hint="What the messages are about, 1–1,000 characters."
          value={description}
          onValue={setDescription}
          error={errors.fields.description}
        />
        <div class="actions">
          <button type="submit" class="primary">
            Register campaign
          </button>
          <span role="status" class="saved">
            {status}
          </span>
        </div>
      </form>
    </section>
  );
}

/** /portal/campaigns — register 10DLC campaigns and list them; numbers attach them on Numbers. */
export function Campaigns() {
  const page = usePageNumber();
  const list = useResource<Campaign[]>(`/campaigns?page[number]=${page}&page[size]=${PAGE_SIZE}`);
  return (
    <Page title="Campaigns">
      <p class="lead">US long codes need an active 10DLC campaign to send to US numbers.</p>
      <RegisterCampaign onRegistered={list.reload} />
      <section aria-labelledby="campaign-list-title" class="card">
        <h2 id="campaign-list-title">Registered campaigns</h2>
        <PagedList
          list={list}
          label="Campaigns"
          empty={
            <Empty>
              <p>No campaigns yet.</p>
            </Empty>
          }
        >
          {(campaigns) => (
            <table class="stack">
              <thead>
                <tr>
                  <th scope="col">Brand</th>
                  <th scope="col">Use case</th>
                  <th scope="col">Status</th>
                  <th scope="col">Description</th>
                  <th scope="col">Registered</th>
                </tr>
              </thead>
              <tbody>
                {campaigns.map((campaign) => (
                  <tr key={campaign.id}>
                    <th scope="row" data-label="Brand">
                      {campaign.brand_name}
                      <span class="code small-text"> {campaign.id.slice(0, 8)}</span>
                    </th>
                    <td data-label="Use case">{campaign.use_case}</td>
                    <td data-label="Status">
                      <span class="badge badge-good">{campaign.status}</span>
                    </td>
                    <td data-label="Description">{campaign.description}</td>
                    <td data-label="Registered">
                      <When iso={campaign.created_at} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </PagedList>
      </section>
    </Page>
  );
}
