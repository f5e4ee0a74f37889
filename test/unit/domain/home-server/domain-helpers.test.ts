import fc from 'fast-check';
import { encodeB64u, isCanonicalB64u } from '../../../../src/domain/protocol/encoding/b64u';
import { isAcceptableIdentityKey, isCanonicalX25519Key, isLowOrderX25519Point } from '../../../../src/domain/protocol/low-order-points';
import { utf8ByteLength } from '../../../../src/domain/protocol/text-size';
import { anIdentityKey } from '../../../support/builders';

describe('encodeB64u', () => {
  it('matches Node’s base64url for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(encodeB64u(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
      }),
    );
  });
});

describe('isCanonicalB64u', () => {
  it('accepts the encoding of exactly that many bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        expect(isCanonicalB64u(encodeB64u(bytes), bytes.length)).toBe(true);
      }),
    );
  });

  it.each([
    ['padding', 'AAAAAAAAAAAAAAAAAAAAAA=='],
    ['a wrong length', 'AAAAAAAAAAAAAAAAAAAAA'],
    ['standard base64 characters', 'AAAAAAAAAAAAAAAAAAAA+A'],
    ['non-zero unused bits', 'AAAAAAAAAAAAAAAAAAAAAB'],
  ])('refuses %s for 16 bytes', (_, text) => {
    expect(isCanonicalB64u(text, 16)).toBe(false);
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

  it('agrees with Node for mostly ASCII text with a few other characters anywhere', () => {
    // The edges of each UTF-8 length (Latin-1 included: one byte in memory, two in UTF-8), a lone surrogate.
    const edges = fc.constantFrom('\u007f', '\u0080', '\u00e9', '\u00ff', '\u07ff', '\u0800', '\uffff', '\ud83d\ude00', '\ud800');
    const rare = fc.oneof(edges, fc.string({ unit: 'binary', minLength: 1, maxLength: 2 }));
    const unit = fc.oneof({ weight: 20, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1 }) }, { weight: 1, arbitrary: rare });
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        expect(utf8ByteLength(text)).toBe(Buffer.byteLength(text, 'utf8'));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('isAcceptableIdentityKey', () => {
  it('accepts an ordinary 32-byte key', () => {
    expect(isAcceptableIdentityKey(anIdentityKey(3))).toBe(true);
  });

  it('refuses the second spellings X25519 would accept: bit 255 set, or u ≥ p', () => {
    const key = anIdentityKey(3);
    const highBit = Uint8Array.from(key, (byte, index) => (index === 31 ? byte | 0x80 : byte));
    expect(isCanonicalX25519Key(key)).toBe(true);
    expect(isCanonicalX25519Key(highBit)).toBe(false);
    expect(isAcceptableIdentityKey(highBit)).toBe(false);
    const p = Uint8Array.from([0xed, ...new Array<number>(30).fill(0xff), 0x7f]);
    const belowP = Uint8Array.from([0xec, ...new Array<number>(30).fill(0xff), 0x7f]);
    expect(isCanonicalX25519Key(p)).toBe(false);
    expect(isCanonicalX25519Key(belowP)).toBe(true);
  });

  it('treats the all-zero key with bit 255 set as low order', () => {
    const key = new Uint8Array(32);
    key[31] = 0x80;
    expect(isLowOrderX25519Point(key)).toBe(true);
  });
});
