import fc from 'fast-check';
import { decodeB64u, encodeB64u } from '../../../../src/domain/protocol/encoding/b64u';
import { bytesToHex, concatBytes, equalBytes, hexToBytes, isAllZero } from '../../../../src/domain/protocol/encoding/bytes';
import { PADDING_BLOCK_BYTES, padPlaintext, unpadPlaintext } from '../../../../src/domain/protocol/encoding/padding';
import { decodeUtf8, encodeUtf8 } from '../../../../src/domain/protocol/encoding/utf8';

describe('b64u', () => {
  it('matches the platform base64url encoding and decodes back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const text = encodeB64u(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
        expect(decodeB64u(text)).toEqual(bytes);
      }),
    );
  });

  it.each([
    ['padding', 'AA=='],
    ['standard-alphabet plus', 'a+b/'],
    ['whitespace', 'AAAA AAAA'],
    ['a length no byte string has (4n + 1)', 'AAAAA'],
    ['non-zero unused bits in the last character', 'AB'],
    ['non-zero unused bits after two bytes', 'AAB'],
    ['non-ASCII', 'AAÄA'],
  ])('rejects %s', (_, text) => {
    expect(decodeB64u(text)).toBeNull();
  });

  it('accepts the empty string as zero bytes', () => {
    expect(decodeB64u('')).toEqual(new Uint8Array(0));
  });

  it('matches the platform on inputs spanning several internal chunks, every tail length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 6000, maxLength: 20000 }), (bytes) => {
        const text = encodeB64u(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64url'));
        expect(decodeB64u(text)).toEqual(bytes);
      }),
      { numRuns: 30 },
    );
  });

  it('rejects a character outside the alphabet anywhere in a long text', () => {
    const text = encodeB64u(new Uint8Array(30000).fill(7));
    for (const at of [0, 3, 8191, 8192, 20001, text.length - 1]) {
      expect(decodeB64u(`${text.slice(0, at)}=${text.slice(at + 1)}`)).toBeNull();
      expect(decodeB64u(`${text.slice(0, at)}+${text.slice(at + 1)}`)).toBeNull();
    }
  });
});

describe('UTF-8', () => {
  it('encodes like TextEncoder, including lone surrogates as U+FFFD', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(encodeUtf8(text)).toEqual(new Uint8Array(new TextEncoder().encode(text)));
      }),
    );
    expect(bytesToHex(encodeUtf8('\ud800x'))).toBe('efbfbd78');
  });

  it('decodes every well-formed string back', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(decodeUtf8(encodeUtf8(text))).toBe(text);
      }),
    );
  });

  it('decodes long text (more than one internal chunk)', () => {
    const text = 'ä🚀x'.repeat(10000);
    expect(decodeUtf8(encodeUtf8(text))).toBe(text);
  });

  it('agrees with TextEncoder and TextDecoder on long text, surrogate pairs across chunk edges', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 3000, maxLength: 12000 }), fc.nat({ max: 3 }), (text, shift) => {
        const shifted = 'x'.repeat(shift) + text;
        const bytes = encodeUtf8(shifted);
        expect(bytes).toEqual(new Uint8Array(new TextEncoder().encode(shifted)));
        expect(decodeUtf8(bytes)).toBe(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
      }),
      { numRuns: 25 },
    );
  });

  it('rejects malformed bytes deep inside long text', () => {
    const bytes = encodeUtf8('ä'.repeat(20000));
    bytes[30001] = 0xff;
    expect(decodeUtf8(bytes)).toBeNull();
  });

  it.each([
    ['a stray continuation byte', '80'],
    ['a truncated two-byte sequence', 'c3'],
    ['a truncated four-byte sequence', 'f09f9a'],
    ['an overlong NUL', 'c080'],
    ['an overlong slash', 'e080af'],
    ['an encoded surrogate', 'eda080'],
    ['a code point above U+10FFFF', 'f4908080'],
    ['an invalid lead byte', 'ff'],
  ])('rejects %s', (_, bytes) => {
    expect(decodeUtf8(hexToBytes(bytes)!)).toBeNull();
  });
});

describe('padding', () => {
  it('pads to a non-empty multiple of 256 and unpads back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1200 }), (plaintext) => {
        const padded = padPlaintext(plaintext);
        expect(padded.length % PADDING_BLOCK_BYTES).toBe(0);
        expect(padded.length).toBeGreaterThan(plaintext.length);
        expect(padded.length - plaintext.length).toBeLessThanOrEqual(PADDING_BLOCK_BYTES);
        expect(padded[plaintext.length]).toBe(0x80);
        expect(unpadPlaintext(padded)).toEqual(plaintext);
      }),
    );
  });

  it('adds a whole block to a plaintext that already fills blocks', () => {
    expect(padPlaintext(new Uint8Array(256)).length).toBe(512);
    expect(padPlaintext(new Uint8Array(255)).length).toBe(256);
    expect(padPlaintext(new Uint8Array(0)).length).toBe(256);
  });

  const block = (fill: (bytes: Uint8Array) => void, length = 256): Uint8Array => {
    const bytes = new Uint8Array(length);
    fill(bytes);
    return bytes;
  };

  it.each([
    ['empty input', new Uint8Array(0)],
    ['a length that is not a multiple of 256', padPlaintext(Uint8Array.of(1)).subarray(0, 255)],
    ['all zeros (no marker)', block(() => undefined)],
    ['a last non-zero byte other than 0x80', block((bytes) => (bytes[10] = 0x81))],
    ['a marker more than a block from the end', block((bytes) => (bytes[10] = 0x80), 512)],
  ])('rejects %s', (_, padded) => {
    expect(unpadPlaintext(padded)).toBeNull();
  });
});

describe('bytes', () => {
  it('compares by content and length', () => {
    expect(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false);
    expect(equalBytes(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 0))).toBe(false);
  });

  it('concatenates, detects all-zero, and converts hex', () => {
    expect(concatBytes(Uint8Array.of(1), new Uint8Array(0), Uint8Array.of(2, 3))).toEqual(Uint8Array.of(1, 2, 3));
    expect(isAllZero(new Uint8Array(32))).toBe(true);
    expect(isAllZero(Uint8Array.of(0, 0, 1))).toBe(false);
    expect(hexToBytes('00ffA0')).toEqual(Uint8Array.of(0, 255, 160));
    expect(hexToBytes('0')).toBeNull();
    expect(hexToBytes('zz')).toBeNull();
    expect(bytesToHex(Uint8Array.of(0, 255, 160))).toBe('00ffa0');
  });
});
