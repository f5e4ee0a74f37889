import { decryptMessage, deriveDirectionKey, encryptMessage } from '../../../../src/application/client/protocol/message-cipher';
import { decodeB64u, encodeB64u } from '../../../../src/domain/protocol/encoding/b64u';
import { toHex } from './support/hex';
import { createTestCrypto } from './support/test-crypto';

const crypto = createTestCrypto();
const friendshipKey = new Uint8Array(32).fill(0x17);
const aliceToBob = { friendshipKey, from: 'alice@a.example', to: 'bob@b.example:8443' };
const decryptFailed = { ok: false, error: 'crypto/decrypt-failed' };
const message = JSON.stringify({ type: 'message', id: 'b1c9', seq: 1, sentAt: 1, body: 'hi <b>bob</b> 🚀' });

describe('message cipher', () => {
  it('round-trips a message from alice to bob', async () => {
    const envelope = await encryptMessage(crypto, { ...aliceToBob, plaintext: message });
    expect(Object.keys(envelope).sort()).toEqual(['ct', 'nonce', 'v']);
    expect(await decryptMessage(crypto, { ...aliceToBob, envelope })).toEqual({ ok: true, value: message });
  });

  it('derives one key per direction', async () => {
    const forth = await deriveDirectionKey(crypto, friendshipKey, { from: aliceToBob.from, to: aliceToBob.to });
    const back = await deriveDirectionKey(crypto, friendshipKey, { from: aliceToBob.to, to: aliceToBob.from });
    expect(toHex(forth)).not.toBe(toHex(back));
    const { hkdfSync } = await import('node:crypto');
    const expected = hkdfSync('sha256', friendshipKey, new Uint8Array(0), 'starbase/1 msg alice@a.example > bob@b.example:8443', 32);
    expect(toHex(forth)).toBe(Buffer.from(expected).toString('hex'));
  });

  it('cannot be reflected back to its sender', async () => {
    const envelope = await encryptMessage(crypto, { ...aliceToBob, plaintext: message });
    const reflected = { friendshipKey, from: aliceToBob.to, to: aliceToBob.from, envelope };
    expect(await decryptMessage(crypto, reflected)).toEqual(decryptFailed);
  });

  it('does not authenticate under another friendship or another sender address', async () => {
    const envelope = await encryptMessage(crypto, { ...aliceToBob, plaintext: message });
    expect(await decryptMessage(crypto, { ...aliceToBob, friendshipKey: new Uint8Array(32).fill(0x18), envelope })).toEqual(decryptFailed);
    expect(await decryptMessage(crypto, { ...aliceToBob, from: 'mallory@a.example', envelope })).toEqual(decryptFailed);
  });

  it.each(['nonce', 'ct'] as const)('fails when a bit of %s is flipped', async (member) => {
    const envelope = await encryptMessage(crypto, { ...aliceToBob, plaintext: message });
    const bytes = decodeB64u(envelope[member])!;
    bytes[0]! ^= 0x01;
    expect(await decryptMessage(crypto, { ...aliceToBob, envelope: { ...envelope, [member]: encodeB64u(bytes) } })).toEqual(
      decryptFailed,
    );
  });

  it('reports a sealed envelope or garbage as malformed', async () => {
    const envelope = await encryptMessage(crypto, { ...aliceToBob, plaintext: message });
    const withEpk = { ...envelope, epk: encodeB64u(new Uint8Array(32)) };
    expect(await decryptMessage(crypto, { ...aliceToBob, envelope: withEpk as never })).toEqual({ ok: false, error: 'crypto/malformed' });
    expect(await decryptMessage(crypto, { ...aliceToBob, envelope: { ...envelope, v: 2 } as never })).toEqual({
      ok: false,
      error: 'crypto/malformed',
    });
  });
});
