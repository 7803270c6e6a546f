import { TextArea, TextField } from './field';

export type KeywordKind = 'opt_out' | 'opt_in' | 'help';

export interface KeywordDraft {
  keywords: string;
  message: string;
}

const TITLES: Record<KeywordKind, { legend: string; hint: string }> = {
  opt_out: {
    legend: 'Opt-out',
    hint: 'A recipient texting one of these stops messages from the number.',
  },
  opt_in: { legend: 'Opt-in', hint: 'A recipient texting one of these receives messages again.' },
  help: { legend: 'Help', hint: 'A recipient texting one of these gets the help message.' },
};

interface Props {
  kind: KeywordKind;
  value: KeywordDraft;
  onChange: (value: KeywordDraft) => void;
  errors: Record<string, string[]>;
}

/** Keywords (comma-separated, since a keyword may have spaces) and the reply, for one kind. */
export function KeywordFields({ kind, value, onChange, errors }: Props) {
  const { legend, hint } = TITLES[kind];
  return (
    <fieldset class="keyword-fields">
      <legend>{legend}</legend>
      <TextField
        id={`profile-${kind}-keywords`}
        label={`${legend} keywords`}
        hint={`${hint} Separate keywords with commas.`}
        value={value.keywords}
        onValue={(keywords) => onChange({ ...value, keywords })}
        error={errors[`${kind}/keywords`]}
        autocapitalize="characters"
      />
      <TextArea
        id={`profile-${kind}-message`}
        label={`${legend} message`}
        rows={5}
        maxLength={480}
        value={value.message}
        onValue={(message) => onChange({ ...value, message })}
        error={errors[`${kind}/message`]}
      />
    </fieldset>
  );
}

export function keywordDraft(handling: { keywords: string[]; message: string }): KeywordDraft {
  return { keywords: handling.keywords.join(', '), message: handling.message };
}

export function keywordHandling(draft: KeywordDraft): { keywords: string[]; message: string } {
  const keywords = draft.keywords
    .split(',')
    .map((keyword) => keyword.trim())
    .filter(Boolean);
  return { keywords, message: draft.message };
}
