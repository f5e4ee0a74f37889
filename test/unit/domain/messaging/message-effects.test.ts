import fc from 'fast-check';
import { KindedRecord, showConversation } from '../../../../src/domain/messaging/message-effects';
import { MessageKind } from '../../../../src/domain/messaging/message-kinds';

let nextSeq = { in: 0, out: 0 };
const record = (direction: 'in' | 'out', id: string, kind: MessageKind, sentAt = 1000): KindedRecord => {
  nextSeq[direction] += 1;
  return { id, direction, seq: nextSeq[direction], sentAt, kind };
};
const text = (body: string, extra: Partial<Extract<MessageKind, { type: 'message' }>> = {}): MessageKind => ({ type: 'message', body, ...extra });
const FILE = { name: 'a.txt', type: 'text/plain', size: 1, sha256: 'A'.repeat(43), key: 'B'.repeat(43), chunkBytes: 1_048_576, chunks: ['C'.repeat(22)] };

beforeEach(() => {
  nextSeq = { in: 0, out: 0 };
});

describe('what edits, deletes, reactions and receipts show (PROTOCOL §11)', () => {
  it('shows the latest edit by the author, marked edited', () => {
    const records = [
      record('out', 'm1', text('helo')),
      record('out', 'e1', { type: 'edit', target: 'm1', body: 'hello' }),
      record('out', 'e2', { type: 'edit', target: 'm1', body: 'hello!' }),
    ];
    expect(showConversation(records)).toEqual([expect.objectContaining({ id: 'm1', body: 'hello!', edited: true, deleted: false })]);
  });

  it('ignores an edit or delete of the other side’s message', () => {
    const records = [
      record('in', 'm1', text('from bob')),
      record('out', 'e1', { type: 'edit', target: 'm1', body: 'alice rewrites bob' }),
      record('out', 'd1', { type: 'delete', target: 'm1' }),
    ];
    expect(showConversation(records)).toEqual([expect.objectContaining({ body: 'from bob', edited: false, deleted: false })]);
  });

  it('deletes for both sides: no body, no files, no reactions', () => {
    const records = [
      record('out', 'm1', text('oops', { files: [FILE] })),
      record('in', 'r1', { type: 'reaction', target: 'm1', emoji: '😮' }),
      record('out', 'd1', { type: 'delete', target: 'm1' }),
    ];
    expect(showConversation(records)).toEqual([expect.objectContaining({ body: '', deleted: true, files: [], reactions: {} })]);
  });

  it('keeps one reaction per author, the latest, and "" takes it back', () => {
    const records = [
      record('out', 'm1', text('news')),
      record('in', 'r1', { type: 'reaction', target: 'm1', emoji: '👍' }),
      record('in', 'r2', { type: 'reaction', target: 'm1', emoji: '❤️' }),
      record('out', 'r3', { type: 'reaction', target: 'm1', emoji: '🎉' }),
      record('out', 'r4', { type: 'reaction', target: 'm1', emoji: '' }),
    ];
    expect(showConversation(records)[0]?.reactions).toEqual({ in: '❤️' });
  });

  it('marks own messages the friend’s receipts name as read, and never the friend’s', () => {
    const records = [record('out', 'm1', text('a'), 1), record('out', 'm2', text('b'), 2), record('in', 'm3', text('c'), 3), record('in', 'rc', { type: 'receipt', read: ['m1', 'm3'] }, 4)];
    expect(showConversation(records).map((message) => [message.id, message.readByFriend])).toEqual([
      ['m1', true],
      ['m2', false],
      ['m3', false],
    ]);
  });

  it('shows an unknown type as unsupported, and effects naming an unknown message nowhere', () => {
    const records = [record('in', 'p1', { type: 'unsupported', originalType: 'poll' }), record('in', 'r1', { type: 'reaction', target: 'elsewhere', emoji: '👍' })];
    expect(showConversation(records)).toEqual([expect.objectContaining({ id: 'p1', unsupported: true, reactions: {} })]);
  });

  it('keeps one id used by both sides apart: the friend cannot edit or delete an own message by reusing its id', () => {
    const records = [
      record('out', 'same', text('mine'), 1),
      record('in', 'same', text('theirs'), 2),
      record('in', 'e1', { type: 'edit', target: 'same', body: 'theirs, edited' }, 3),
      record('in', 'd1', { type: 'delete', target: 'same' }, 4),
    ];
    expect(showConversation(records).map(({ direction, body, deleted }) => ({ direction, body, deleted }))).toEqual([
      { direction: 'out', body: 'mine', deleted: false },
      { direction: 'in', body: '', deleted: true },
    ]);
  });

  it('keeps reply and timer on the message', () => {
    const records = [record('in', 'm1', text('q')), record('out', 'm2', text('a', { replyTo: 'm1', expiresIn: 300 }))];
    expect(showConversation(records)[1]).toEqual(expect.objectContaining({ replyTo: 'm1', expiresIn: 300 }));
  });

  it('shows the same whatever order the records arrived in, and with duplicates (devices merge by union)', () => {
    const kinds: MessageKind[] = [
      text('one'),
      text('two'),
      { type: 'edit', target: 'id0', body: 'one, edited' },
      { type: 'edit', target: 'id1', body: 'two, edited' },
      { type: 'delete', target: 'id1' },
      { type: 'reaction', target: 'id0', emoji: '👍' },
      { type: 'reaction', target: 'id0', emoji: '🙏' },
      { type: 'receipt', read: ['id0'] },
    ];
    fc.assert(
      fc.property(
        fc.array(fc.record({ kind: fc.integer({ min: 0, max: kinds.length - 1 }), direction: fc.constantFrom<'in' | 'out'>('in', 'out') }), { maxLength: 12 }),
        fc.func(fc.integer()),
        (plan, shuffleKey) => {
          const seq = { in: 0, out: 0 };
          const records = plan.map(({ kind, direction }, index): KindedRecord => {
            seq[direction] += 1;
            return { id: `id${index}`, direction, seq: seq[direction], sentAt: 1000 + index, kind: kinds[kind]! };
          });
          const shuffled = [...records].sort((a, b) => shuffleKey(a.id) - shuffleKey(b.id));
          expect(showConversation([...shuffled, ...records.slice(0, 3)])).toEqual(showConversation(records));
        },
      ),
    );
  });
});
