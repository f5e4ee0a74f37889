/** The web app's pure rules for PROTOCOL §11: which actions a message offers, reactions, "Read", timers, emoji input. */
import type { ConversationEntry } from '../../../../src/application/client/messenger';
import { excerpt } from '../../../../src/adapters/web/components/message-composer';
import { lastEditableOwn, lastReadOwnId, messageAbilities, reactionSummary } from '../../../../src/adapters/web/conversation-view';
import { countdownLabel, countdownText, durationText, TIMER_CHOICES, timerNotice } from '../../../../src/adapters/web/disappearing-timer';
import { QUICK_REACTIONS, singleEmoji } from '../../../../src/adapters/web/reaction-emoji';
import { DISAPPEARING_TIMER_CHOICES } from '../../../../src/application/client/messenger';
import { messageEntry } from '../../../support/builders';


describe('message actions', () => {
  it('offers reply and react on settled messages, edit and delete for everyone on our own sent ones', () => {
    expect(messageAbilities(messageEntry('mine'), true)).toEqual({ reply: true, react: true, edit: true, deleteForEveryone: true });
    expect(messageAbilities(messageEntry('theirs', { direction: 'in', state: 'received' }), true)).toEqual({ reply: true, react: true, edit: false, deleteForEveryone: false });
  });

  it('offers nothing on deleted, unsupported, sending or failed messages, or while the chat cannot send', () => {
    const none = { reply: false, react: false, edit: false, deleteForEveryone: false };
    expect(messageAbilities(messageEntry('gone', { deleted: true }), true)).toEqual(none);
    expect(messageAbilities(messageEntry('new', { direction: 'in', state: 'received', unsupported: true }), true)).toEqual(none);
    expect(messageAbilities(messageEntry('wait', { state: 'sending' }), true)).toEqual(none);
    expect(messageAbilities(messageEntry('lost', { state: 'failed' }), true)).toEqual(none);
    expect(messageAbilities(messageEntry('mine'), false)).toEqual(none);
  });

  it('edits, on Up arrow, our newest message that can still be edited', () => {
    const entries: ConversationEntry[] = [messageEntry('old'), messageEntry('deleted', { deleted: true }), messageEntry('theirs', { direction: 'in', state: 'received' }), messageEntry('lost', { state: 'failed' })];
    expect(lastEditableOwn(entries, true)?.id).toBe('old');
    expect(lastEditableOwn(entries, false)).toBeNull();
    expect(lastEditableOwn([], true)).toBeNull();
  });
});

describe('reactions and receipts', () => {
  it('counts each emoji and marks the one that is ours', () => {
    expect(reactionSummary([{ emoji: '👍', by: ['in', 'out'] }, { emoji: '😂', by: ['in'] }, { emoji: '😢', by: [] }])).toEqual([
      { emoji: '👍', count: 2, mine: true },
      { emoji: '😂', count: 1, mine: false },
    ]);
  });

  it('puts "Read" under the newest own message the friend read, not a deleted one', () => {
    const entries: ConversationEntry[] = [
      messageEntry('a', { readByFriend: true }),
      messageEntry('b', { readByFriend: true }),
      messageEntry('c'),
      messageEntry('in', { direction: 'in', state: 'received', readByFriend: true }),
    ];
    expect(lastReadOwnId(entries)).toBe('b');
    expect(lastReadOwnId([messageEntry('a', { readByFriend: true }), messageEntry('b', { readByFriend: true, deleted: true })])).toBe('a');
    expect(lastReadOwnId([messageEntry('a')])).toBeNull();
  });

  it('takes exactly one typed emoji (skin tones, flags, keycaps and ZWJ families included) and nothing else', () => {
    for (const emoji of [...QUICK_REACTIONS, '👍🏽', '🇫🇷', '1️⃣', '👩‍👩‍👧', ' 🦊 ']) expect(singleEmoji(emoji)).toBe(emoji.trim());
    for (const text of ['', 'ok', '👍👍', 'a👍', '1', '<b>']) expect(singleEmoji(text)).toBeNull();
  });
});

describe('disappearing messages', () => {
  it('offers off and the client core’s timer choices', () => {
    expect(TIMER_CHOICES.map((choice) => choice.seconds)).toEqual([null, ...DISAPPEARING_TIMER_CHOICES]);
    expect(TIMER_CHOICES.map((choice) => choice.label)).toEqual(['Off', '5 minutes', '1 hour', '1 day', '1 week']);
  });

  it('words the notice both sides show, for any duration a friend’s client picked', () => {
    expect(timerNotice('alice@chat.example.org', 86_400)).toBe('alice@chat.example.org set messages to disappear after 1 day');
    expect(timerNotice('You', null)).toBe('You turned off disappearing messages');
    expect([5, 90, 120, 7200, 3 * 86_400, 14 * 86_400].map(durationText)).toEqual(['5 seconds', '90 seconds', '2 minutes', '2 hours', '3 days', '2 weeks']);
  });

  it('counts down in short text for the bubble and in words for screen readers', () => {
    expect(countdownText(299_500)).toBe('5:00');
    expect(countdownText(4_000)).toBe('0:04');
    expect(countdownText(45 * 60_000)).toBe('45 min');
    expect(countdownText(5 * 3_600_000)).toBe('5 h');
    expect(countdownText(6.5 * 86_400_000)).toBe('7 d');
    expect(countdownText(-5)).toBe('0:00');
    expect(countdownLabel(30_000)).toBe('Disappears in 30 seconds');
    expect(countdownLabel(60_000)).toBe('Disappears in 1 minute');
    expect(countdownLabel(86_400_000)).toBe('Disappears in 1 day');
  });

  it('counts down an hour just begun as "1 h", as the timer reads before it starts, not "60 min"', () => {
    expect(countdownText(3_599_000)).toBe('1 h');
    expect(countdownText(3_540_000)).toBe('59 min');
    expect(countdownText(86_399_000)).toBe('1 d');
    expect(countdownText(3_600_000)).toBe(countdownText(3_599_500));
    expect(countdownLabel(3_599_000)).toBe('Disappears in 1 hour');
    expect(countdownLabel(86_399_000)).toBe('Disappears in 1 day');
  });

  it('quotes a long message by its first characters on one line', () => {
    expect(excerpt('short\n\nand  spaced')).toBe('short and spaced');
    expect([...excerpt('x'.repeat(500))]).toHaveLength(140);
    expect(excerpt('x'.repeat(500)).endsWith('…')).toBe(true);
  });
});
