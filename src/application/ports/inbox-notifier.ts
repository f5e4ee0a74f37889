/**
 * What the `/inbox/events` stream announces to an account's sessions: an inbox arrival, or a new
 * version of the user blob written by one session (`origin`, its jti), so the account's other
 * devices re-read it. Never any content.
 */
export type AccountEvent =
  | { readonly kind: 'inbox' }
  | { readonly kind: 'blob'; readonly version: number; readonly origin: string | null };

/** Wakes `/inbox/events` listeners when an item arrives for an account or its blob changes. */
export interface InboxNotifier {
  notify(owner: string): void;
  /** The blob of `owner` now has `version`, written by the session whose jti is `origin`. */
  notifyBlob(owner: string, version: number, origin: string): void;
  subscribe(owner: string, listener: (event: AccountEvent) => void): () => void;
}
