import { useState } from 'preact/hooks';
import { countryName, searchCountries } from './countries';

interface Props {
  id: string;
  value: string[];
  onChange: (codes: string[]) => void;
  error?: string[];
}

/** The chosen countries as removable chips, and a search box (ARIA combobox) to add more. */
export function CountryPicker({ id, value, onChange, error }: Props) {
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const matches = searchCountries(text).filter((country) => !value.includes(country.code));
  const open = matches.length > 0;
  const listId = `${id}-options`;

  const add = (code: string) => {
    onChange([...value, code]);
    setText('');
    setActive(0);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' && open) {
      event.preventDefault();
      setActive((active + 1) % matches.length);
    } else if (event.key === 'ArrowUp' && open) {
      event.preventDefault();
      setActive((active - 1 + matches.length) % matches.length);
    } else if (event.key === 'Enter' && open) {
      event.preventDefault();
      add(matches[Math.min(active, matches.length - 1)].code);
    } else if (event.key === 'Escape') {
      setText('');
    }
  };

  return (
    <fieldset class={`field country-picker${error?.length ? ' field-invalid' : ''}`}>
      <legend>Allowed countries</legend>
      <p class="hint" id={`${id}-hint`}>
        Destinations this profile may send to. Search by name or two-letter code.
      </p>
      <ul class="chips" aria-label="Chosen countries">
        {value.length === 0 && <li class="chip-empty">None chosen</li>}
        {value.map((code) => (
          <li key={code} class="chip">
            <span>
              {countryName(code)} <span class="code">{code}</span>
            </span>
            <button
              type="button"
              aria-label={`Remove ${countryName(code)}`}
              onClick={() => onChange(value.filter((c) => c !== code))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <label for={id}>Add a country</label>
      <div class="combobox">
        <input
          id={id}
          type="text"
          role="combobox"
          autocomplete="off"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open ? `${listId}-${active}` : undefined}
          aria-invalid={Boolean(error?.length)}
          aria-describedby={`${id}-hint${error?.length ? ` ${id}-error` : ''}`}
          value={text}
          onInput={(event) => {
            setText(event.currentTarget.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <ul id={listId} role="listbox" aria-label="Matching countries" hidden={!open}>
          {matches.map((country, index) => (
            <li
              key={country.code}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => add(country.code)}
            >
              {country.name} <span class="code">{country.code}</span>
            </li>
          ))}
        </ul>
      </div>
      {error?.length ? (
        <p class="field-error" id={`${id}-error`}>
          {error.join(' ')}
        </p>
      ) : null}
    </fieldset>
  );
}
