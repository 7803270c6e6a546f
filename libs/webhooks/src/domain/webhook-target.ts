import { isPublicAddress, literalAddress } from '@blocx/platform';

export type Resolve = (hostname: string) => Promise<string[]>;

/** Why a delivery to this URL must not happen, or undefined when every resolved address is public. */
export async function refusedTarget(url: string, resolve: Resolve): Promise<string | undefined> {
  const literal = literalAddress(url);
  const addresses = literal ? [literal] : await resolve(new URL(url).hostname);
  const blocked = addresses.find((address) => !isPublicAddress(address));
  if (addresses.length === 0) return `${new URL(url).hostname} resolves to no address`;
  return blocked === undefined
    ? undefined
    : `${new URL(url).hostname} resolves to non-public address ${blocked}`;
}
