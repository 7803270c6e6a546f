import type { PageMeta } from '../api/types';

/** Previous / next over a paged list, with where we are. */
export function Pager({ meta, onPage }: { meta?: PageMeta; onPage: (page: number) => void }) {
  if (!meta || meta.total <= meta.page_size) return null;
  const pages = Math.max(1, Math.ceil(meta.total / meta.page_size));
  const page = meta.page_number;
  return (
    <nav class="pager" aria-label="Pages">
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Previous
      </button>
      <span>
        Page {page} of {pages} · {meta.total} in all
      </span>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Next
      </button>
    </nav>
  );
}
