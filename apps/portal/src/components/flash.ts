/** A one-time note carried to the next page (e.g. "Profile deleted" after leaving the deleted one). */
let pending: string | null = null;

export function flash(text: string): void {
  pending = text;
}

export function takeFlash(): string | null {
  const text = pending;
  pending = null;
  return text;
}
