import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** Where vite serves the portal; every route below is relative to it. */
export const BASE = '/portal';

const listeners = new Set<() => void>();

function notify(): void {
  listeners.forEach((listener) => listener());
}

window.addEventListener('popstate', notify);

/** Goes to a portal path such as `/numbers?x=1` without reloading the page. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = `${BASE}${to}`;
  if (options.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  notify();
}

export interface Location {
  /** The path below BASE, always starting with `/`. */
  path: string;
  query: URLSearchParams;
}

function current(): Location {
  const below = location.pathname.startsWith(BASE)
    ? location.pathname.slice(BASE.length)
    : location.pathname;
  return { path: below === '' ? '/' : below, query: new URLSearchParams(location.search) };
}

export function useLocation(): Location {
  const [here, setHere] = useState(current);
  useEffect(() => {
    const update = () => setHere(current());
    listeners.add(update);
    return () => listeners.delete(update);
  }, []);
  return here;
}

/** The current query with some values replaced (empty values removed), as a path to navigate to. */
export function withQuery(here: Location, changes: Record<string, string | null>): string {
  const next = new URLSearchParams(here.query);
  for (const [name, value] of Object.entries(changes)) {
    if (value === null || value === '') next.delete(name);
    else next.set(name, value);
  }
  const text = next.toString();
  return `${here.path}${text ? `?${text}` : ''}`;
}

interface AnchorProps {
  href: string;
  children: ComponentChildren;
  class?: string;
  'aria-current'?: 'page';
  'aria-label'?: string;
}

/** An ordinary link (open in new tab works) that navigates in place on a plain click. */
export function Link({ href, children, ...rest }: AnchorProps) {
  const onClick = (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    navigate(href);
  };
  return (
    <a {...rest} href={`${BASE}${href}`} onClick={onClick}>
      {children}
    </a>
  );
}
