import { useRef, useState } from 'preact/hooks';
import { api } from '../api/client';
import { useAllProfiles } from '../api/profiles';
import type { Message, PhoneNumber } from '../api/types';
import { useResource } from '../api/use-resource';
import { Field, TextArea, TextField } from '../components/field';
import { flash } from '../components/flash';
import {
  byPointerPrefix,
  focusFirstInvalid,
  FormErrors,
  formErrors,
  NO_ERRORS,
} from '../components/form-errors';
import { Page } from '../components/page';
import { Link, navigate } from '../router';

const fieldFor = byPointerPrefix(['from', 'to', 'text']);
const GSM_BASIC =
  /^[@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'()*+,\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà^{}\\[~\]|€]*$/;

/** An estimate for the counter; the API decides the real encoding and parts. */
function segments(text: string): string {
  if (!text) return '0 characters';
  const gsm = GSM_BASIC.test(text);
  const length = gsm
    ? [...text].reduce((n, c) => n + ('^{}\\[~]|€'.includes(c) ? 2 : 1), 0)
    : [...text].length;
  const [single, multi] = gsm ? [160, 153] : [70, 67];
  const parts = length <= single ? 1 : Math.ceil(length / multi);
  return `${length} characters · ${gsm ? 'GSM-7' : 'UCS-2'} · ${parts} ${parts === 1 ? 'part' : 'parts'}`;
}

/** /portal/messages/send — a real send from one of the account's numbers. */
export function SendMessage() {
  const numbers = useResource<PhoneNumber[]>('/numbers?page[size]=250');
  const { nameOf } = useAllProfiles();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  // One key per draft: a double submit sends once (the API answers the first 202 again).
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const form = useRef<HTMLFormElement>(null);
  const draft = (set: (value: string) => void) => (value: string) => {
    set(value);
    setIdempotencyKey(crypto.randomUUID());
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    try {
      const sent = await api<Message>(
        'POST',
        '/messaging/send',
        { from, to: to.trim(), text },
        {
          headers: { 'idempotency-key': idempotencyKey },
        },
      );
      flash('Message accepted: it is on its way to the carrier.');
      navigate(`/messages/${sent.data.id}`);
    } catch (caught) {
      setErrors(formErrors(caught, fieldFor));
      focusFirstInvalid(form.current);
    } finally {
      setBusy(false);
    }
  };
  const available = numbers.answer?.data ?? [];

  return (
    <Page title="Send test message" back={<Link href="/messages">← Messages</Link>}>
      <form ref={form} class="card narrow" onSubmit={(event) => void submit(event)} noValidate>
        {errors.general.length > 0 && (
          <div class="notice notice-error form-errors" role="alert" tabIndex={-1}>
            {errors.general.map((e, i) => (
              <p key={i}>
                {e.detail ?? e.title} <span class="code">({e.code})</span>
              </p>
            ))}
          </div>
        )}
        <Field
          id="send-from"
          label="From"
          error={errors.fields.from}
          hint={
            available.length === 0 && numbers.answer ? (
              <>
                No numbers yet: <Link href="/numbers">add one</Link> and assign it to a profile.
              </>
            ) : (
              'A number of the account, assigned to a profile.'
            )
          }
        >
          {(described) => (
            <select
              {...described}
              value={from}
              onChange={(e) => draft(setFrom)(e.currentTarget.value)}
            >
              <option value="">Choose a number</option>
              {available.map((number) => (
                <option key={number.phone_number} value={number.phone_number}>
                  {number.phone_number} · {nameOf(number.messaging_profile_id) ?? 'no profile'}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField
          id="send-to"
          label="To"
          type="tel"
          inputMode="tel"
          placeholder="+12025550123"
          hint="E.164."
          value={to}
          onValue={draft(setTo)}
          error={errors.fields.to}
        />
        <TextArea
          id="send-text"
          label="Text"
          rows={4}
          hint={segments(text)}
          value={text}
          onValue={draft(setText)}
          error={errors.fields.text}
        />
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Sending…' : 'Send'}
          </button>
        </div>
      </form>
    </Page>
  );
}
