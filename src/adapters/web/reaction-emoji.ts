import { isSingleEmoji } from '../../domain/messaging/message-kinds';

/** The picker's quick choices; any other emoji can be typed. */
export const QUICK_REACTIONS: readonly string[] = ['👍', '❤️', '😂', '😮', '😢', '🙏'];

/** The one emoji a person typed (spaces around it ignored), or null for anything else: letters, two emoji, nothing. */
export function singleEmoji(typed: string): string | null {
  const trimmed = typed.trim();
  return isSingleEmoji(trimmed) ? trimmed : null;
}
