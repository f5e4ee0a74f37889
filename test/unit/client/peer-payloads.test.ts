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

  it('reads friend messages, and lets unknown types through as "other" for newer clients', () => {
    expect(parseFriendPayload(JSON.stringify(message), time)).toEqual(message);
    expect(parseFriendPayload('{"type":"friend-confirm"}', time)).toEqual({ type: 'friend-confirm' });
    expect(parseFriendPayload('{"type":"friend-remove"}', time)).toEqual({ type: 'friend-remove' });
    expect(parseFriendPayload('{"type":"receipt","of":"m1"}', time)).toEqual({ type: 'other' });
    expect(parseFriendPayload('{"no":"type"}', time)).toBeNull();
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
