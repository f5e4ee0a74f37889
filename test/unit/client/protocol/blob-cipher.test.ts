import { decryptBlob, encryptBlob } from '../../../../src/application/client/protocol/blob-cipher';
import { decodeB64u, encodeB64u } from '../../../../src/domain/protocol/encoding/b64u';
import { concatBytes } from '../../../../src/domain/protocol/encoding/bytes';
import { padPlaintext } from '../../../../src/domain/protocol/encoding/padding';
import { utf8 } from './support/hex';
import { createTestCrypto } from './support/test-crypto';

const crypto = createTestCrypto();
const blobKey = new Uint8Array(32).fill(0x42);
const document = JSON.stringify({ version: 3, friends: { bob: { note: 'ünïcödé 🚀' } } });

const flipBit = (ciphertext: string, byteIndex: number): string => {
  const bytes = decodeB64u(ciphertext)!;
  bytes[byteIndex]! ^= 0x01;
  return encodeB64u(bytes);
};

/** A blob built by hand with the cipher port, to reach the checks after authentication. */
const handMadeBlob = async (padded: Uint8Array, accountName = 'alice'): Promise<string> => {
  const nonce = crypto.random.bytes(12);
  const sealed = await crypto.cipher.encrypt(blobKey, nonce, padded, utf8(`starbase/1 blob ${accountName}`));
  return encodeB64u(concatBytes(nonce, sealed));
};

describe('blob cipher', () => {
  it('round-trips the document', async () => {
    const ciphertext = await encryptBlob(crypto, blobKey, 'alice', document);
    expect(await decryptBlob(crypto, blobKey, 'alice', ciphertext)).toEqual({ ok: true, value: document });
  });

  it('is nonce(12) || ciphertext of the padded plaintext || tag(16), with a fresh nonce each write', async () => {
    const first = decodeB64u(await encryptBlob(crypto, blobKey, 'alice', document))!;
    const second = decodeB64u(await encryptBlob(crypto, blobKey, 'alice', document))!;
    expect(first.length).toBe(12 + 256 + 16);
    expect(first.subarray(0, 12)).not.toEqual(second.subarray(0, 12));
  });

  it('hides the exact length: 1 and 200 bytes of text give the same size', async () => {
    const short = await encryptBlob(crypto, blobKey, 'alice', 'x');
    const longer = await encryptBlob(crypto, blobKey, 'alice', 'x'.repeat(200));
    expect(short.length).toBe(longer.length);
  });

  it('fails under another account name (the aad)', async () => {
    const ciphertext = await encryptBlob(crypto, blobKey, 'alice', document);
    expect(await decryptBlob(crypto, blobKey, 'bob', ciphertext)).toEqual({ ok: false, error: 'crypto/decrypt-failed' });
  });

  it('fails under another key', async () => {
    const ciphertext = await encryptBlob(crypto, blobKey, 'alice', document);
    const otherKey = new Uint8Array(32).fill(0x43);
    expect(await decryptBlob(crypto, otherKey, 'alice', ciphertext)).toEqual({ ok: false, error: 'crypto/decrypt-failed' });
  });

  it.each([
    ['the nonce', 0],
    ['the ciphertext', 20],
    ['the tag', 12 + 256 + 15],
  ])('fails when a bit of %s is flipped', async (_, byteIndex) => {
    const ciphertext = await encryptBlob(crypto, blobKey, 'alice', document);
    expect(await decryptBlob(crypto, blobKey, 'alice', flipBit(ciphertext, byteIndex))).toEqual({
      ok: false,
      error: 'crypto/decrypt-failed',
    });
  });

  it('treats authentic but malformed padding as a decryption failure', async () => {
    const badPadding = padPlaintext(utf8('{}'));
    badPadding[2] = 0x81;
    expect(await decryptBlob(crypto, blobKey, 'alice', await handMadeBlob(badPadding))).toEqual({
      ok: false,
      error: 'crypto/decrypt-failed',
    });
  });

  it('treats authentic, well-padded bytes that are not UTF-8 as a decryption failure', async () => {
    expect(await decryptBlob(crypto, blobKey, 'alice', await handMadeBlob(padPlaintext(Uint8Array.of(0xc0, 0x80))))).toEqual({
      ok: false,
      error: 'crypto/decrypt-failed',
    });
  });

  it.each([
    ['not b64u', '***'],
    ['shorter than a nonce', encodeB64u(new Uint8Array(11))],
    ['a nonce and tag without padded content', encodeB64u(new Uint8Array(12 + 16))],
    ['a ciphertext length padding never produces', encodeB64u(new Uint8Array(12 + 300 + 16))],
  ])('reports %s as malformed', async (_, ciphertext) => {
    expect(await decryptBlob(crypto, blobKey, 'alice', ciphertext)).toEqual({ ok: false, error: 'crypto/malformed' });
  });
});
