import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { ProfileSettings, WEBHOOK_EVENTS, WebhookEvent } from '../api/types';
import { CountryPicker } from './country-picker';
import { TextField } from './field';
import { focusFirstInvalid, FormErrors, formErrors, NO_ERRORS } from './form-errors';
import { KeywordDraft, keywordDraft, KeywordFields, keywordHandling } from './keyword-fields';

interface Draft {
  name: string;
  webhook_url: string;
  webhook_failover_url: string;
  webhook_events: WebhookEvent[];
  allowed_countries: string[];
  opt_out: KeywordDraft;
  opt_in: KeywordDraft;
  help: KeywordDraft;
}

const SIMPLE_FIELDS = [
  'name',
  'webhook_url',
  'webhook_failover_url',
  'webhook_events',
  'allowed_countries',
];
const KEYWORD_KINDS = ['opt_out', 'opt_in', 'help'];

/** `/opt_out/keywords/1` → `opt_out/keywords`; `/webhook_url` → `webhook_url`. */
function fieldFor(pointer: string): string | undefined {
  const [first, second] = pointer.replace(/^\//, '').split('/');
  if (KEYWORD_KINDS.includes(first))
    return `${first}/${second === 'message' ? 'message' : 'keywords'}`;
  return SIMPLE_FIELDS.includes(first) ? first : undefined;
}

function toDraft(settings: ProfileSettings): Draft {
  return {
    name: settings.name,
    webhook_url: settings.webhook_url ?? '',
    webhook_failover_url: settings.webhook_failover_url ?? '',
    webhook_events: settings.webhook_events,
    allowed_countries: settings.allowed_countries,
    opt_out: keywordDraft(settings.opt_out),
    opt_in: keywordDraft(settings.opt_in),
    help: keywordDraft(settings.help),
  };
}

function toSettings(draft: Draft): ProfileSettings {
  return {
    name: draft.name,
    webhook_url: draft.webhook_url.trim() || null,
    webhook_failover_url: draft.webhook_failover_url.trim() || null,
    webhook_events: draft.webhook_events,
    allowed_countries: draft.allowed_countries,
    opt_out: keywordHandling(draft.opt_out),
    opt_in: keywordHandling(draft.opt_in),
    help: keywordHandling(draft.help),
  };
}

interface Props {
  initial: ProfileSettings;
  submitLabel: string;
  /** Sends the settings; an ApiError it throws is shown beside the fields. */
  onSubmit: (settings: ProfileSettings) => Promise<void>;
  children?: ComponentChildren;
}

/** Every setting of a profile, for New profile and for editing in place on the detail page. */
export function ProfileForm({ initial, submitLabel, onSubmit, children }: Props) {
  const [draft, setDraft] = useState(() => toDraft(initial));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft({ ...draft, [key]: value });

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      await onSubmit(toSettings(draft));
      setErrors(NO_ERRORS);
    } catch (error) {
      setErrors(formErrors(error, fieldFor));
      focusFirstInvalid(form.current);
    } finally {
      setBusy(false);
    }
  };
  const toggleEvent = (name: WebhookEvent, on: boolean) =>
    set('webhook_events')(
      WEBHOOK_EVENTS.filter((e) => (e === name ? on : draft.webhook_events.includes(e))),
    );

  return (
    <form ref={form} class="profile-form" onSubmit={(event) => void submit(event)} noValidate>
      {errors.general.length > 0 && (
        <div class="notice notice-error form-errors" role="alert" tabIndex={-1}>
          {errors.general.map((item, index) => (
            <p key={index}>{item.detail ?? item.title}</p>
          ))}
        </div>
      )}
      <fieldset>
        <legend>Profile</legend>
        <TextField
          id="profile-name"
          label="Name"
          hint="An internal label, 1–100 characters."
          required
          maxLength={100}
          value={draft.name}
          onValue={set('name')}
          error={errors.fields.name}
        />
        <TextField
          id="profile-webhook_url"
          label="Webhook URL"
          type="url"
          inputMode="url"
          placeholder="https://example.com/hooks"
          hint="Where inbound and status events for this profile are POSTed."
          value={draft.webhook_url}
          onValue={set('webhook_url')}
          error={errors.fields.webhook_url}
        />
        <TextField
          id="profile-webhook_failover_url"
          label="Webhook failover URL (optional)"
          type="url"
          inputMode="url"
          hint="Tried when the primary URL fails."
          value={draft.webhook_failover_url}
          onValue={set('webhook_failover_url')}
          error={errors.fields.webhook_failover_url}
        />
      </fieldset>
      <CountryPicker
        id="profile-allowed_countries"
        value={draft.allowed_countries}
        onChange={set('allowed_countries')}
        error={errors.fields.allowed_countries}
      />
      <div class="keyword-grid">
        <KeywordFields
          kind="opt_out"
          value={draft.opt_out}
          onChange={set('opt_out')}
          errors={errors.fields}
        />
        <KeywordFields
          kind="opt_in"
          value={draft.opt_in}
          onChange={set('opt_in')}
          errors={errors.fields}
        />
        <KeywordFields
          kind="help"
          value={draft.help}
          onChange={set('help')}
          errors={errors.fields}
        />
      </div>
      <fieldset class={`field${errors.fields.webhook_events ? ' field-invalid' : ''}`}>
        <legend>Webhook events</legend>
        {WEBHOOK_EVENTS.map((name) => (
          <label key={name} class="check">
            <input
              type="checkbox"
              name="webhook_events"
              value={name}
              checked={draft.webhook_events.includes(name)}
              onChange={(event) => toggleEvent(name, event.currentTarget.checked)}
            />
            <span class="code">{name}</span>
          </label>
        ))}
        {errors.fields.webhook_events && (
          <p class="field-error">{errors.fields.webhook_events.join(' ')}</p>
        )}
      </fieldset>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </button>
        {children}
      </div>
    </form>
  );
}
