import fc from 'fast-check';
import { encodeBase64Url, isCanonicalBase64Url } from '../../../src/domain/base64url';
import { isAcceptableIdentityKey, isLowOrderX25519Point } from '../../../src/domain/low-order-points';
import { utf8ByteLength } from '../../../src/domain/text-size';
import { anIdentityKey } from '../../support/builders';

describe('encodeBase64Url', () => {
  it('matches Node’s base64url for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(encodeBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
      }),
    );
  });
});

describe('isCanonicalBase64Url', () => {
  it('accepts the encoding of exactly that many bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        expect(isCanonicalBase64Url(encodeBase64Url(bytes), bytes.length)).toBe(true);
      }),
    );
  });

  it.each([
    ['padding', 'AAAAAAAAAAAAAAAAAAAAAA=='],
    ['a wrong length', 'AAAAAAAAAAAAAAAAAAAAA'],
    ['standard base64 characters', 'AAAAAAAAAAAAAAAAAAAA+A'],
    ['non-zero unused bits', 'AAAAAAAAAAAAAAAAAAAAAB'],
  ])('refuses %s for 16 bytes', (_, text) => {
    expect(isCanonicalBase64Url(text, 16)).toBe(false);
  });
});

describe('utf8ByteLength', () => {
  it('agrees with Node for any string, including lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(utf8ByteLength(text)).toBe(Buffer.byteLength(text, 'utf8'));
      }),
    );
  });
});

describe('isAcceptableIdentityKey', () => {
  it('accepts an ordinary 32-byte key', () => {
    expect(isAcceptableIdentityKey(anIdentityKey(3))).toBe(true);
  });

  it('treats the all-zero key with bit 255 set as low order', () => {
    const key = new Uint8Array(32);
    key[31] = 0x80;
    expect(isLowOrderX25519Point(key)).toBe(true);
  });
});
