import type { VNode } from 'preact';
import { Campaigns } from './pages/campaigns';
import { MessageDetail } from './pages/message-detail';
import { Messages } from './pages/messages';
import { NewProfile } from './pages/new-profile';
import { NotFound } from './pages/not-found';
import { Numbers } from './pages/numbers';
import { OptOuts } from './pages/opt-outs';
import { ProfileDetail } from './pages/profile-detail';
import { Profiles } from './pages/profiles';
import { SendMessage } from './pages/send-message';
import { SignIn } from './pages/sign-in';

type Params = Record<string, string>;
/** Renders the page of a route from the route's named parameters. */
type Render = (params: Params) => VNode;

const ROUTES: [RegExp, Render][] = [
  [/^\/sign-in$/, () => <SignIn />],
  [/^\/messaging-profiles$/, () => <Profiles />],
  [/^\/messaging-profiles\/new$/, () => <NewProfile />],
  [/^\/messaging-profiles\/(?<id>[^/]+)$/, ({ id }) => <ProfileDetail id={id} />],
  [/^\/numbers$/, () => <Numbers />],
  [/^\/campaigns$/, () => <Campaigns />],
  [/^\/messages$/, () => <Messages />],
  [/^\/messages\/send$/, () => <SendMessage />],
  [/^\/messages\/(?<id>[^/]+)$/, ({ id }) => <MessageDetail id={id} />],
  [/^\/opt-outs$/, () => <OptOuts />],
];

/** The page for a path below /portal, its named path parameters decoded. */
export function routeFor(path: string): VNode {
  for (const [pattern, render] of ROUTES) {
    const match = pattern.exec(path);
    if (match) {
      const params: Params = {};
      for (const [name, value] of Object.entries(match.groups ?? {})) {
        params[name] = decodeURIComponent(value);
      }
      return render(params);
    }
  }
  return <NotFound />;
}
