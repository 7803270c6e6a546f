import { ApiError, ApiErrorItem } from '../api/client';

export interface FormErrors {
  /** Messages per form field key. */
  fields: Record<string, string[]>;
  /** Errors that name no known field: shown above the form. */
  general: ApiErrorItem[];
}

export const NO_ERRORS: FormErrors = { fields: {}, general: [] };

/**
 * Sorts the API's errors by `source.pointer` onto the form's fields. `fieldFor` maps a JSON pointer
 * (`/opt_out/keywords/1`) to the key of the field showing it, or undefined.
 */
export function formErrors(
  error: unknown,
  fieldFor: (pointer: string) => string | undefined,
): FormErrors {
  if (!(error instanceof ApiError)) {
    return { fields: {}, general: [{ code: 'error', title: String(error) }] };
  }
  const result: FormErrors = { fields: {}, general: [] };
  for (const item of error.errors) {
    const field = item.source?.pointer ? fieldFor(item.source.pointer) : undefined;
    if (field) (result.fields[field] ??= []).push(item.detail ?? item.title);
    else result.general.push(item);
  }
  return result;
}

/** A `fieldFor` over field keys that are pointers themselves: the longest matching prefix wins. */
export function byPointerPrefix(keys: string[]): (pointer: string) => string | undefined {
  const sorted = [...keys].sort((a, b) => b.length - a.length);
  return (pointer) => sorted.find((key) => pointer === `/${key}` || pointer.startsWith(`/${key}/`));
}

/** Puts focus on the first field in error, so keyboard and screen-reader users land on it. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  requestAnimationFrame(() => {
    const target = form?.querySelector<HTMLElement>('[aria-invalid="true"], .form-errors');
    target?.focus();
  });
}
