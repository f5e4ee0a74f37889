import fc from 'fast-check';
import { decodeUtf8, encodeUtf8 } from '../../../../src/domain/protocol/encoding/utf8';
import { decodeUtf8Text, encodeUtf8Text } from '../../../../src/application/client/protocol/platform-utf8';

/** Byte strings that are mostly valid UTF-8, with the occasional malformed byte spliced in. */
const mostlyUtf8Bytes = fc
  .tuple(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 2 }))
  .map(([text, splices]) => {
    const bytes = encodeUtf8(text);
    for (const [at, byte] of splices) if (bytes.length > 0) bytes[at % bytes.length] = byte;
    return bytes;
  });

describe('platform UTF-8 (TextEncoder/TextDecoder) against the domain codec', () => {
  it('encodes every string, lone surrogates included, to the same bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        expect(Array.from(encodeUtf8Text(text))).toEqual(Array.from(encodeUtf8(text)));
      }),
    );
  });

  it('decodes arbitrary bytes to the same text, or rejects them both', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 64 }), mostlyUtf8Bytes), (bytes) => {
        expect(decodeUtf8Text(bytes)).toBe(decodeUtf8(bytes));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a leading byte order mark as text, as the domain codec does', () => {
    const bytes = Uint8Array.of(0xef, 0xbb, 0xbf, 0x7b, 0x7d);
    expect(decodeUtf8Text(bytes)).toBe('\ufeff{}');
    expect(decodeUtf8(bytes)).toBe('\ufeff{}');
  });

  it.each([
    ['an overlong NUL', [0xc0, 0x80]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a truncated sequence at the end', [0x7b, 0xe2, 0x82]],
  ])('rejects %s after valid text and still decodes the next input', (_, malformed) => {
    expect(decodeUtf8Text(Uint8Array.from([0x61, ...malformed]))).toBeNull();
    expect(decodeUtf8Text(Uint8Array.of(0x61, 0x62))).toBe('ab');
  });

  it('falls back to the domain codec where the runtime has no TextEncoder/TextDecoder', () => {
    const { TextEncoder: savedEncoder, TextDecoder: savedDecoder } = globalThis;
    Reflect.deleteProperty(globalThis, 'TextEncoder');
    Reflect.deleteProperty(globalThis, 'TextDecoder');
    try {
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const fallback = require('../../../../src/application/client/protocol/platform-utf8') as typeof import('../../../../src/application/client/protocol/platform-utf8');
        expect(Array.from(fallback.encodeUtf8Text('ä\ud800'))).toEqual([0xc3, 0xa4, 0xef, 0xbf, 0xbd]);
        expect(fallback.decodeUtf8Text(Uint8Array.of(0xc3, 0xa4))).toBe('ä');
        expect(fallback.decodeUtf8Text(Uint8Array.of(0xc0, 0x80))).toBeNull();
      });
    } finally {
      Object.assign(globalThis, { TextEncoder: savedEncoder, TextDecoder: savedDecoder });
    }
  });
});
