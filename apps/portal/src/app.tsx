import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { onUnauthorized } from './api/client';
import { Link, navigate, useLocation } from './router';
import { apiKey, signOut } from './session';
import { routeFor } from './routes';

const SECTIONS = [
  { href: '/messaging-profiles', label: 'Messaging profiles' },
  { href: '/numbers', label: 'Numbers' },
  { href: '/campaigns', label: 'Campaigns' },
  { href: '/messages', label: 'Messages' },
  { href: '/opt-outs', label: 'Opt-outs' },
];

function Header({ signedIn, path }: { signedIn: boolean; path: string }) {
  const leave = () => {
    signOut();
    navigate('/sign-in', { replace: true });
  };
  return (
    <header class="top">
      <a class="skip" href="#main">
        Skip to content
      </a>
      <Link href="/" class="brand">
        Blocx <span>portal</span>
      </Link>
      {signedIn && (
        <>
          <nav aria-label="Sections" class="sections">
            <ul>
              {SECTIONS.map((section) => (
                <li key={section.href}>
                  <Link
                    href={section.href}
                    aria-current={path.startsWith(section.href) ? 'page' : undefined}
                  >
                    {section.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <button type="button" class="sign-out" onClick={leave}>
            Sign out
          </button>
        </>
      )}
    </header>
  );
}

/** The shell: header, the page for the route, and the guard that sends signed-out visitors to sign in. */
export function App() {
  const here = useLocation();
  const signedIn = Boolean(apiKey());
  const [, refresh] = useState(0);
  useEffect(
    () =>
      onUnauthorized(() => {
        navigate(`/sign-in?expired=1&next=${encodeURIComponent(here.path)}`, { replace: true });
        refresh((n) => n + 1);
      }),
    [here.path],
  );
  const mustSignIn = !signedIn && here.path !== '/sign-in';
  useEffect(() => {
    if (mustSignIn) {
      const next = `${here.path}${here.query.size ? `?${here.query}` : ''}`;
      navigate(`/sign-in?next=${encodeURIComponent(next)}`, { replace: true });
    } else if (here.path === '/') {
      navigate('/messaging-profiles', { replace: true });
    }
  }, [mustSignIn, here.path]);
  return (
    <>
      <Header signedIn={signedIn} path={here.path} />
      <main id="main" tabIndex={-1}>
        {/* A key per path remounts the page, so no state leaks from one profile to the next. */}
        {!mustSignIn && here.path !== '/' && (
          <Fragment key={here.path}>{routeFor(here.path)}</Fragment>
        )}
      </main>
    </>
  );
}
