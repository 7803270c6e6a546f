import { useResource } from './use-resource';
import type { Profile } from './types';

/** Every profile of the account (up to the API's largest page), for names and pickers. */
export function useAllProfiles() {
  const resource = useResource<Profile[]>('/messaging-profiles?page[size]=250');
  const profiles = resource.answer?.data ?? [];
  const nameOf = (id: string | null | undefined): string | undefined =>
    id ? (profiles.find((profile) => profile.id === id)?.name ?? 'another profile') : undefined;
  return { ...resource, profiles, nameOf };
}
