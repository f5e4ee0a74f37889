import {
  MAX_PEER_SEQ,
  MAX_PEER_TEXT_LENGTH,
  parseFriendAccept,
  parseFriendPayload,
  parseFriendRequest,
  PEER_TIME_FUTURE_MS,
  PEER_TIME_PAST_MS,
} from '../../../src/application/client/peers/peer-payloads';

const NOW = Date.parse('2026-12-06T12:00:00Z');
const RECEIVED_AT = NOW - 60_000;
const time = { now: NOW, receivedAt: RECEIVED_AT };
/** 32 bytes as b64u: 43 characters, the last with its two unused bits zero. */
const key = (letter: string): string => `${letter.repeat(42)}A`;

const request = {
  type: 'friend-request',
  from: 'alice@a.example',
  identityKey: key('I'),
  dropToken: 'T0k3n-_',
  ephemeralKey: key('E'),
  note: 'hi',
  sentAt: NOW - 5000,
};
const accept = {
  type: 'friend-accept',
  from: 'bob@b.example',
  identityKey: key('I'),
  dropToken: 'T',
  ephemeralKey: key('F'),
  inReplyTo: key('E'),
  confirm: key('C'),
};
const message = { type: 'message', id: 'm1', seq: 3, sentAt: NOW - 5000, body: 'hello' };

describe('peer payloads', () => {
  it('reads well-formed requests (with or without a proof) and acceptances', () => {
    expect(parseFriendRequest(JSON.stringify(request), time)).toEqual(request);
    expect(parseFriendRequest(JSON.stringify({ ...request, proof: key('P') }), time)).toEqual({ ...request, proof: key('P') });
    expect(parseFriendAccept(JSON.stringify(accept))).toEqual(accept);
  });

  it.each([
    ['not JSON', '{'],
    ['an array', '[]'],
    ['the wrong type', JSON.stringify({ ...request, type: 'friend-accept' })],
    ['a missing member', JSON.stringify({ ...request, dropToken: undefined })],
    ['a number where text belongs', JSON.stringify({ ...request, from: 7 })],
    ['an oversized note', JSON.stringify({ ...request, note: 'x'.repeat(MAX_PEER_TEXT_LENGTH + 1) })],
    ['a non-numeric time', JSON.stringify({ ...request, sentAt: 'yesterday' })],
    ['an oversized address', JSON.stringify({ ...request, from: `a@${'b'.repeat(400)}` })],
    ['a key that is not 32 bytes of b64u', JSON.stringify({ ...request, identityKey: 'IK' })],
    ['an ephemeral key with padding', JSON.stringify({ ...request, ephemeralKey: `${key('E')}=` })],
    ['a key in a second spelling (non-zero unused bits)', JSON.stringify({ ...request, identityKey: 'I'.repeat(42) + 'B' })],
    ['an oversized drop token', JSON.stringify({ ...request, dropToken: 't'.repeat(513) })],
    ['a drop token with spaces', JSON.stringify({ ...request, dropToken: 'a b' })],
    ['a malformed proof', JSON.stringify({ ...request, proof: 'short' })],
  ])('refuses a request with %s', (_what, text) => {
    expect(parseFriendRequest(text, time)).toBeNull();
  });

  it('refuses an acceptance missing its confirmation or with a malformed one', () => {
    expect(parseFriendAccept(JSON.stringify({ ...accept, confirm: null }))).toBeNull();
    expect(parseFriendAccept(JSON.stringify({ ...accept, confirm: 'C' }))).toBeNull();
    expect(parseFriendAccept(JSON.stringify({ ...accept, inReplyTo: 'x'.repeat(2000) }))).toBeNull();
  });

  it('reads friend messages, and lets unknown types without id and seq through as "other" for newer clients', () => {
    expect(parseFriendPayload(JSON.stringify(message), time)).toEqual(message);
    expect(parseFriendPayload('{"type":"friend-confirm"}', time)).toEqual({ type: 'friend-confirm' });
    expect(parseFriendPayload('{"type":"friend-remove"}', time)).toEqual({ type: 'friend-remove' });
    expect(parseFriendPayload('{"type":"typing","of":"m1"}', time)).toEqual({ type: 'other' });
    expect(parseFriendPayload('{"no":"type"}', time)).toBeNull();
  });

  describe('PROTOCOL §11 types', () => {
    const TARGET = 'a8f2c1de-0000-4000-8000-000000000001';
    const record = (fields: object) => JSON.stringify({ id: message.id, seq: message.seq, sentAt: message.sentAt, ...fields });
    const stored = { type: 'message', id: message.id, seq: message.seq, sentAt: message.sentAt };

    it.each([
      [{ type: 'message', body: 'quoting', replyTo: TARGET, expiresIn: 300 }, { body: 'quoting', kind: { type: 'message', replyTo: TARGET, expiresIn: 300 } }],
      [{ type: 'edit', target: TARGET, body: 'fixed' }, { body: 'fixed', kind: { type: 'edit', target: TARGET } }],
      [{ type: 'delete', target: TARGET }, { body: '', kind: { type: 'delete', target: TARGET } }],
      [{ type: 'reaction', target: TARGET, emoji: '🎉' }, { body: '', kind: { type: 'reaction', target: TARGET, emoji: '🎉' } }],
      [{ type: 'receipt', read: [TARGET] }, { body: '', kind: { type: 'receipt', read: [TARGET] } }],
      [{ type: 'timer', expiresIn: 86400 }, { body: '', kind: { type: 'timer', expiresIn: 86400 } }],
      [{ type: 'poll', question: 'lunch?' }, { body: '', kind: { type: 'unsupported', originalType: 'poll' } }],
    ])('stores %j as a record of its kind', (fields, expected) => {
      expect(parseFriendPayload(record(fields), time)).toEqual({ ...stored, ...expected });
    });

    it.each([
      ['a body over the limit', { type: 'message', body: 'x'.repeat(MAX_PEER_TEXT_LENGTH * 4 + 1) }],
      ['an edit over the limit', { type: 'edit', target: TARGET, body: 'x'.repeat(MAX_PEER_TEXT_LENGTH * 4 + 1) }],
      ['a reaction that is not one emoji', { type: 'reaction', target: TARGET, emoji: '👍 nice' }],
      ['a reaction without target', { type: 'reaction', emoji: '👍' }],
      ['expiresIn out of range', { type: 'message', body: 'x', expiresIn: 1 }],
      ['a timer out of range', { type: 'timer', expiresIn: 10 ** 9 }],
      ['a delete of an object', { type: 'delete', target: { id: TARGET } }],
    ])('refuses %s, never throwing (its seq arrived all the same)', (_, fields) => {
      expect(parseFriendPayload(record(fields), time)).toEqual({ type: 'refused', seq: message.seq });
    });

    it('refuses a known type without id or seq, and keeps an unknown one with them as unsupported', () => {
      expect(parseFriendPayload(JSON.stringify({ type: 'edit', target: TARGET, body: 'x' }), time)).toBeNull();
      expect(parseFriendPayload(record({ type: 'typing' }), time)).toEqual({ ...stored, body: '', kind: { type: 'unsupported', originalType: 'typing' } });
    });
  });

  it.each([1.5, 0, -1, MAX_PEER_SEQ + 1, 1e300])('refuses a message with seq %p', (seq) => {
    expect(parseFriendPayload(JSON.stringify({ ...message, seq }), time)).toBeNull();
  });

  // Issue 11 F2: a friend's `sentAt: 1e300` once made every screen showing it throw a RangeError.
  it.each([
    ['1e300', 1e300],
    ['-1e300', -1e300],
    ['year 275760', 8.64e15],
    ['before the window', NOW - PEER_TIME_PAST_MS - 1],
    ['after the window', NOW + PEER_TIME_FUTURE_MS + 1],
  ])('replaces a claimed time of %s with the arrival time', (_what, sentAt) => {
    expect(parseFriendPayload(JSON.stringify({ ...message, sentAt }), time)).toEqual({ ...message, sentAt: RECEIVED_AT });
    expect(parseFriendRequest(JSON.stringify({ ...request, sentAt }), time)).toEqual({ ...request, sentAt: RECEIVED_AT });
  });

  it('keeps claimed times inside the window, as whole milliseconds', () => {
    const edge = NOW + PEER_TIME_FUTURE_MS;
    expect(parseFriendPayload(JSON.stringify({ ...message, sentAt: edge }), time)).toEqual({ ...message, sentAt: edge });
    expect(parseFriendPayload(JSON.stringify({ ...message, sentAt: NOW - 0.5 }), time)).toEqual({ ...message, sentAt: NOW - 1 });
  });
});
