import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { takeFlash } from './flash';

let firstPage = true;

interface Props {
  title: string;
  /** Shown before the heading: the way back up. */
  back?: ComponentChildren;
  actions?: ComponentChildren;
  children: ComponentChildren;
}

/**
 * A page: its heading names the tab, and after an in-app navigation the heading takes focus,
 * so screen readers announce the new page and keyboard users start from its top.
 */
export function Page({ title, back, actions, children }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  const flash = useRef(takeFlash());
  useEffect(() => {
    document.title = `${title} · Blocx portal`;
  }, [title]);
  useEffect(() => {
    if (!firstPage) heading.current?.focus();
    firstPage = false;
  }, []);
  return (
    <>
      {back && <p class="back">{back}</p>}
      <div class="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {actions && <div class="page-actions">{actions}</div>}
      </div>
      {flash.current && (
        <p class="notice notice-success" role="status">
          {flash.current}
        </p>
      )}
      {children}
    </>
  );
}
