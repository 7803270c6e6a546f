const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Profile ids are uuids; anything else names no profile (a 404, not a 400). */
export function isProfileId(id: string): boolean {
  return UUID.test(id);
}
