/** Date separators in a chat: one before the first message of each local calendar day. */
import type { ConversationEntry } from '../../../../src/application/client/messenger';
import { withDaySeparators } from '../../../../src/adapters/web/components/day-separator';
import { formatDay } from '../../../../src/adapters/web/time-format';

const at = (year: number, month: number, day: number, hour = 12): number => new Date(year, month - 1, day, hour).getTime();
const message = (id: string, sentAt: number): ConversationEntry => ({ kind: 'message', id, direction: 'in', body: id, sentAt, state: 'received', undeliverable: null, edited: false, editSending: false, deleted: false, replyTo: null, reactions: [], readByFriend: false, expiresIn: null, expiresAt: null, unsupported: false, files: [] });

describe('date separators', () => {
  const now = new Date(2026, 11, 6, 9);

  it('says Today, Yesterday, a weekday within the week, and the full date before that', () => {
    expect(formatDay(at(2026, 12, 6, 0), now)).toBe('Today');
    expect(formatDay(at(2026, 12, 5, 23), now)).toBe('Yesterday');
    expect(formatDay(at(2026, 12, 2), now)).toBe(new Intl.DateTimeFormat(undefined, { weekday: 'long' }).format(new Date(2026, 11, 2)));
    expect(formatDay(at(2026, 11, 20), now)).toContain('2026');
  });

  it('puts one marker before the first message of each day, and none for a time a Date cannot hold', () => {
    const entries = [message('a', at(2026, 12, 5, 8)), message('b', at(2026, 12, 5, 20)), { kind: 'gap', direction: 'in' } as const, message('c', at(2026, 12, 6, 1)), message('odd', 1e300)];
    expect(withDaySeparators(entries).map((item) => (item.kind === 'message' ? item.id : item.kind))).toEqual(['day', 'a', 'b', 'gap', 'day', 'c', 'odd']);
  });

  it('counts a disappearing-timer notice as part of its day', () => {
    const timer: ConversationEntry = { kind: 'timer', id: 't', direction: 'out', sentAt: at(2026, 12, 6, 1), seconds: 300, sending: false };
    const entries = [message('a', at(2026, 12, 5, 8)), timer, message('b', at(2026, 12, 6, 2))];
    expect(withDaySeparators(entries).map((item) => (item.kind === 'message' || item.kind === 'timer' ? item.id : item.kind))).toEqual(['day', 'a', 'day', 't', 'b']);
  });
});
