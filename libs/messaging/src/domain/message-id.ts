const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Message ids are uuids; anything else names no message (a 404, not a 400). */
export function isMessageId(id: string): boolean {
  return UUID.test(id);
}
