import type { ComponentChildren } from 'preact';
import type { Resource } from '../api/use-resource';
import { navigate, useLocation, withQuery } from '../router';
import { ErrorNotice, Loading } from './notice';
import { Pager } from './pager';

/** The list page kept in the address (`?page=`); 1 when absent or not a number. */
export function usePageNumber(): number {
  return Number(useLocation().query.get('page') ?? '1') || 1;
}

/**
 * One page of a list from the API, in its states: the error, loading, `empty` when the page has
 * no rows, the rows' table in a scrollable region named `label`, and the pager (which keeps the
 * page in the address).
 */
export function PagedList<T>({
  list,
  label,
  empty,
  children,
}: {
  list: Resource<T[]>;
  label: string;
  empty: ComponentChildren;
  children: (rows: T[]) => ComponentChildren;
}) {
  const here = useLocation();
  const rows = list.answer?.data;
  return (
    <>
      {list.error && <ErrorNotice error={list.error} />}
      {!rows && list.loading && <Loading />}
      {rows && rows.length === 0 && empty}
      {rows && rows.length > 0 && (
        <div class="table-wrap" role="region" aria-label={label} tabIndex={0}>
          {children(rows)}
        </div>
      )}
      <Pager
        meta={list.answer?.meta}
        onPage={(next) => navigate(withQuery(here, { page: String(next) }))}
      />
    </>
  );
}
