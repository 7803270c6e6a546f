import type { ComponentChildren } from 'preact';
import type { ApiError } from '../api/client';

/** An API failure in plain words; alert role so screen readers hear it at once. */
export function ErrorNotice({
  error,
  children,
}: {
  error: ApiError;
  children?: ComponentChildren;
}) {
  return (
    <div class="notice notice-error" role="alert">
      {error.errors.map((item, index) => (
        <p key={index}>
          <strong>{item.title}.</strong> {item.detail ?? ''} <span class="code">({item.code})</span>
        </p>
      ))}
      {children}
    </div>
  );
}

export function Success({ children }: { children: ComponentChildren }) {
  return (
    <p class="notice notice-success" role="status">
      {children}
    </p>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <div class="empty">{children}</div>;
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p class="loading" role="status" aria-live="polite">
      {label}
    </p>
  );
}

/** Dates as the reader's locale shows them; the ISO value stays in the title. */
export function When({ iso }: { iso: string | null | undefined }) {
  if (!iso) return <span>—</span>;
  return (
    <time dateTime={iso} title={iso}>
      {new Date(iso).toLocaleString()}
    </time>
  );
}
