import { Page } from '../components/page';
import { Link } from '../router';

export function NotFound() {
  return (
    <Page title="Page not found">
      <p>
        There is no such page in the portal. Go to{' '}
        <Link href="/messaging-profiles">Messaging profiles</Link>.
      </p>
    </Page>
  );
}
