import { isSingleEmoji, MAX_EXPIRES_IN_SECONDS, parseMessageKind } from '../../../../src/domain/messaging/message-kinds';

const LIMITS = { maxBodyLength: 100, maxFileBytes: 10 * 1_048_576 };
const ID = 'a8f2c1de-0000-4000-8000-000000000001';
const file = { name: 'photo.jpg', type: 'image/jpeg', size: 5, sha256: 'A'.repeat(43), key: `${'B'.repeat(42)}A`, chunkBytes: 1_048_576, chunks: ['C'.repeat(21) + 'A'] };

describe('message kinds (PROTOCOL §11)', () => {
  it.each([
    [{ type: 'message', body: 'hi' }, { type: 'message', body: 'hi' }],
    [
      { type: 'message', body: 'see above', replyTo: ID, expiresIn: 3600, files: [file] },
      { type: 'message', body: 'see above', replyTo: ID, expiresIn: 3600, files: [file] },
    ],
    [{ type: 'edit', target: ID, body: 'fixed typo' }, { type: 'edit', target: ID, body: 'fixed typo' }],
    [{ type: 'delete', target: ID }, { type: 'delete', target: ID }],
    [{ type: 'delete', target: ID, targetSeq: 7 }, { type: 'delete', target: ID, targetSeq: 7 }],
    [{ type: 'reaction', target: ID, emoji: '👍🏽' }, { type: 'reaction', target: ID, emoji: '👍🏽' }],
    [{ type: 'reaction', target: ID, emoji: '👨‍👩‍👧' }, { type: 'reaction', target: ID, emoji: '👨‍👩‍👧' }],
    [{ type: 'reaction', target: ID, emoji: '' }, { type: 'reaction', target: ID, emoji: '' }],
    [{ type: 'receipt', read: [ID, 'b'] }, { type: 'receipt', read: [ID, 'b'] }],
    [{ type: 'poll', question: '?' }, { type: 'unsupported', originalType: 'poll' }],
    [{ type: 'timer', expiresIn: 86400 }, { type: 'timer', expiresIn: 86400 }],
    [{ type: 'timer', expiresIn: null }, { type: 'timer', expiresIn: null }],
    [{ type: 'timer' }, { type: 'timer', expiresIn: null }],
  ])('reads %j', (fields, kind) => {
    expect(parseMessageKind(fields, LIMITS)).toEqual(kind);
  });

  it.each([
    ['a body over the limit', { type: 'message', body: 'x'.repeat(101) }],
    ['a body that is not text', { type: 'message', body: 42 }],
    ['an edit over the limit', { type: 'edit', target: ID, body: 'x'.repeat(101) }],
    ['an edit without target', { type: 'edit', body: 'x' }],
    ['a target that is not an id', { type: 'delete', target: { id: ID } }],
    ['an over-long target', { type: 'delete', target: 'x'.repeat(65) }],
    ['a target seq of 0', { type: 'delete', target: ID, targetSeq: 0 }],
    ['a target seq not whole', { type: 'delete', target: ID, targetSeq: 1.5 }],
    ['a target seq as text', { type: 'delete', target: ID, targetSeq: '7' }],
    ['two emoji', { type: 'reaction', target: ID, emoji: '👍👍' }],
    ['text as an emoji', { type: 'reaction', target: ID, emoji: 'ok' }],
    ['markup as an emoji', { type: 'reaction', target: ID, emoji: '<img src=x>' }],
    ['expiresIn below the range', { type: 'message', body: 'x', expiresIn: 1 }],
    ['expiresIn above the range', { type: 'message', body: 'x', expiresIn: MAX_EXPIRES_IN_SECONDS + 1 }],
    ['expiresIn not whole', { type: 'message', body: 'x', expiresIn: 60.5 }],
    ['expiresIn as 1e300', { type: 'message', body: 'x', expiresIn: 1e300 }],
    ['replyTo not an id', { type: 'message', body: 'x', replyTo: 7 }],
    ['a file list that is empty', { type: 'message', body: 'x', files: [] }],
    ['a file with too few chunks for its size', { type: 'message', body: 'x', files: [{ ...file, size: 2_000_000 }] }],
    ['a file over the size limit', { type: 'message', body: 'x', files: [{ ...file, size: 11 * 1_048_576, chunks: Array.from({ length: 11 }, (_, i) => `${i}`.padStart(22, 'C')) }] }],
    ['a receipt with too many ids', { type: 'receipt', read: Array.from({ length: 257 }, (_, i) => `${i}`) }],
    ['a receipt naming a number', { type: 'receipt', read: [1] }],
    ['a timer below the range', { type: 'timer', expiresIn: 0 }],
    ['a timer as text', { type: 'timer', expiresIn: '3600' }],
    ['an empty type', { type: '' }],
    ['no type', { body: 'x' }],
  ])('refuses %s', (_, fields) => {
    expect(parseMessageKind(fields, LIMITS)).toBeNull();
  });

  it('knows single emoji from anything else', () => {
    expect(['😀', '❤️', '🇳🇱', '1️⃣', '🏳️‍🌈', '👩🏿‍💻'].map(isSingleEmoji)).toEqual([true, true, true, true, true, true]);
    expect(['', 'a', '😀😀', '😀 ', ':)', '\u200d'].map(isSingleEmoji)).toEqual([false, false, false, false, false, false]);
  });
});
