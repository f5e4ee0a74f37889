import { MAX_PEER_TEXT_LENGTH, parseFriendAccept, parseFriendPayload, parseFriendRequest } from '../../../src/application/client/peer-payloads';

const request = { type: 'friend-request', from: 'alice@a.example', identityKey: 'IK', dropToken: 'T', ephemeralKey: 'E', note: 'hi', sentAt: 1 };
const accept = { type: 'friend-accept', from: 'bob@b.example', identityKey: 'IK', dropToken: 'T', ephemeralKey: 'F', inReplyTo: 'E', confirm: 'C' };

describe('peer payloads', () => {
  it('reads well-formed requests and acceptances', () => {
    expect(parseFriendRequest(JSON.stringify(request))).toEqual(request);
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
  ])('refuses a request with %s', (_what, text) => {
    expect(parseFriendRequest(text)).toBeNull();
  });

  it('refuses an acceptance missing its confirmation', () => {
    expect(parseFriendAccept(JSON.stringify({ ...accept, confirm: null }))).toBeNull();
  });

  it('reads friend messages, and lets unknown types through as "other" for newer clients', () => {
    const message = { type: 'message', id: 'm1', seq: 3, sentAt: 5, body: 'hello' };
    expect(parseFriendPayload(JSON.stringify(message))).toEqual(message);
    expect(parseFriendPayload('{"type":"friend-confirm"}')).toEqual({ type: 'friend-confirm' });
    expect(parseFriendPayload('{"type":"friend-remove"}')).toEqual({ type: 'friend-remove' });
    expect(parseFriendPayload('{"type":"receipt","of":"m1"}')).toEqual({ type: 'other' });
    expect(parseFriendPayload(JSON.stringify({ ...message, seq: 1.5 }))).toBeNull();
    expect(parseFriendPayload('{"no":"type"}')).toBeNull();
  });
});
