import { useRef, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { PhoneNumber } from '../../api/types';
import { TextField } from '../../components/field';
import { focusFirstInvalid, FormErrors, formErrors, NO_ERRORS } from '../../components/form-errors';

export function AddNumber({ onAdded }: { onAdded: () => Promise<void> }) {
  const [phoneNumber, setPhoneNumber] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setStatus('');
    try {
      const added = await api<PhoneNumber>('POST', '/numbers', {
        phone_number: phoneNumber.trim(),
      });
      setErrors(NO_ERRORS);
      setPhoneNumber('');
      setStatus(`Added ${added.data.phone_number}.`);
      await onAdded();
    } catch (caught) {
      // Every error of this form is about the one field, pointer or not.
      const sorted = formErrors(caught, () => 'phone_number');
      setErrors({
        fields: {
          phone_number: [
            ...(sorted.fields.phone_number ?? []),
            ...sorted.general.map((e) => e.detail ?? e.title),
          ],
        },
        general: [],
      });
      focusFirstInvalid(form.current);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="add-number-title" class="card">
      <h2 id="add-number-title">Add a number</h2>
      <form ref={form} class="inline-form" onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          id="add-phone-number"
          label="Phone number"
          type="tel"
          inputMode="tel"
          placeholder="+12025550123"
          hint="E.164: a plus, the country code, then the number."
          value={phoneNumber}
          onValue={setPhoneNumber}
          error={errors.fields.phone_number}
        />
        <button type="submit" class="primary" disabled={busy || !phoneNumber.trim()}>
          Add number
        </button>
      </form>
      <p role="status" class="saved">
        {status}
      </p>
    </section>
  );
}
