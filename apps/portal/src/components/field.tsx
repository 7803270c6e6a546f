import type { ComponentChildren } from 'preact';

interface FieldProps {
  id: string;
  label: ComponentChildren;
  error?: string[];
  hint?: ComponentChildren;
  children: (described: {
    id: string;
    'aria-invalid': boolean;
    'aria-describedby'?: string;
  }) => ComponentChildren;
}

/** A label, the control, a hint and the API's errors beside it, tied together for assistive tech. */
export function Field({ id, label, error, hint, children }: FieldProps) {
  const described = [hint ? `${id}-hint` : '', error?.length ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class={`field${error?.length ? ' field-invalid' : ''}`}>
      <label for={id}>{label}</label>
      {children({
        id,
        'aria-invalid': Boolean(error?.length),
        'aria-describedby': described || undefined,
      })}
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error?.length ? (
        <p class="field-error" id={`${id}-error`}>
          {error.join(' ')}
        </p>
      ) : null}
    </div>
  );
}

/** The few input attributes the portal's forms use. */
interface InputExtras {
  type?: 'text' | 'url' | 'tel' | 'password' | 'search';
  placeholder?: string;
  required?: boolean;
  maxLength?: number;
  inputMode?: 'text' | 'url' | 'tel';
  autocomplete?: string;
  spellcheck?: boolean;
  autocapitalize?: 'characters' | 'off';
}

type InputProps = InputExtras & {
  id: string;
  label: ComponentChildren;
  value: string;
  onValue: (value: string) => void;
  error?: string[];
  hint?: ComponentChildren;
};

export function TextField({ id, label, value, onValue, error, hint, type, ...rest }: InputProps) {
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      {(described) => (
        <input
          {...rest}
          // Preact's types tell inputs apart by a literal `type`; all of ours are text-like.
          type={(type ?? 'text') as 'text'}
          {...described}
          name={id}
          value={value}
          onInput={(event) => onValue(event.currentTarget.value)}
        />
      )}
    </Field>
  );
}

type AreaProps = {
  rows?: number;
  maxLength?: number;
  id: string;
  label: ComponentChildren;
  value: string;
  onValue: (value: string) => void;
  error?: string[];
  hint?: ComponentChildren;
};

export function TextArea({ id, label, value, onValue, error, hint, ...rest }: AreaProps) {
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      {(described) => (
        <textarea
          {...rest}
          {...described}
          name={id}
          value={value}
          onInput={(event) => onValue(event.currentTarget.value)}
        />
      )}
    </Field>
  );
}
