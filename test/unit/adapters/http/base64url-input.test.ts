import fc from 'fast-check';
import { checkEnvelopeEncoding, isCanonicalB64uText } from '../../../../src/adapters/http/base64url-input';
import { decodeB64u, encodeB64u } from '../../../../src/domain/protocol/encoding/b64u';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** The alphabet plus what lenient decoders skip or accept: padding, standard base64, whitespace, non-ASCII. */
const TRICKY = `${ALPHABET}=+/ \n.é\u0000`;

const canonical = fc.uint8Array({ maxLength: 200 }).map(encodeB64u);
const characters = (alphabet: string) => fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 80 });
/** A canonical text with one character replaced, inserted or removed. */
const mutated = fc
  .tuple(fc.uint8Array({ minLength: 1, maxLength: 60 }).map(encodeB64u), fc.nat(), fc.constantFrom(...TRICKY), fc.constantFrom('replace', 'insert', 'remove'))
  .map(([text, at, char, how]) => {
    const i = at % text.length;
    if (how === 'replace') return text.slice(0, i) + char + text.slice(i + 1);
    if (how === 'insert') return text.slice(0, i) + char + text.slice(i);
    return text.slice(0, i) + text.slice(i + 1);
  });

describe('isCanonicalB64uText (the drop routes\' fast check)', () => {
  it('accepts exactly what the domain\'s strict decodeB64u accepts', () => {
    fc.assert(
      fc.property(fc.oneof(canonical, mutated, characters(ALPHABET), characters(TRICKY)), (text) => {
        expect(isCanonicalB64uText(text)).toBe(decodeB64u(text) !== null);
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    ['stray bits in the last character', 'AB'],
    ['stray bits with two bytes', 'AAB'],
    ['a length no byte string has', 'AAAAA'],
    ['padding', 'AA=='],
    ['standard base64 characters', 'ab+/'],
    ['whitespace', 'AAAA AAAA'],
  ])('rejects %s', (_case, text) => {
    expect(decodeB64u(text)).toBeNull();
    expect(isCanonicalB64uText(text)).toBe(false);
  });

  it('makes a non-canonical envelope field a 400 problem', () => {
    expect(() => checkEnvelopeEncoding({ v: 1, nonce: 'A'.repeat(16), ct: 'AB' })).toThrow(expect.objectContaining({ status: 400 }));
    expect(() => checkEnvelopeEncoding({ v: 1, nonce: 'A'.repeat(16), ct: 'AA' })).not.toThrow();
  });
});
