/** Which pane the signed-in user is looking at. */
export type SessionView =
  | { readonly kind: 'home' }
  /** `messageId`: a search result to show in the chat. */
  | { readonly kind: 'chat'; readonly address: string; readonly messageId?: string }
  | { readonly kind: 'add-friend' }
  | { readonly kind: 'safety-number'; readonly address: string }
  | { readonly kind: 'settings' };

export const HOME: SessionView = { kind: 'home' };

export function isSessionView(value: unknown): value is SessionView {
  if (typeof value !== 'object' || value === null || !('kind' in value)) return false;
  const { kind } = value as { kind: unknown };
  if (kind === 'chat' || kind === 'safety-number') return typeof (value as { address?: unknown }).address === 'string';
  return kind === 'home' || kind === 'add-friend' || kind === 'settings';
}
