import { createWebCryptoSuite } from '../../../src/adapters/crypto/web-crypto-suite';
import { measureMessageBody, payloadJsonOf } from '../../../src/application/client/peers/message-size';
import { encryptMessage } from '../../../src/application/client/protocol/message-cipher';
import { utf8ByteLength } from '../../../src/domain/protocol/text-size';

const crypto = createWebCryptoSuite();
const LIMIT = 4096;

/** The envelope text a home server measures (PROTOCOL §5), made by the real cipher. */
const realEnvelopeBytes = async (body: string): Promise<number> => {
  const envelope = await encryptMessage(crypto, {
    friendshipKey: new Uint8Array(32).fill(7),
    from: 'alice@a.example',
    to: 'bob@b.example',
    plaintext: payloadJsonOf({ id: '00000000-0000-4000-8000-000000000000', seq: Number.MAX_SAFE_INTEGER, sentAt: Number.MAX_SAFE_INTEGER, body }),
  });
  return utf8ByteLength(JSON.stringify(envelope));
};

describe('measureMessageBody', () => {
  it('agrees with the real envelope size at the limit, for plain, escaped and multi-byte text', async () => {
    for (const unit of ['a', '"', '\n', 'é', '€', '😀']) {
      const room = measureMessageBody('', LIMIT);
      const largest = unit.repeat(Math.floor(room.bytesLeft / utf8ByteLength(JSON.stringify(unit).slice(1, -1))));
      const atLimit = measureMessageBody(largest, LIMIT);
      const over = measureMessageBody(largest + unit, LIMIT);
      expect(atLimit.fits).toBe(true);
      expect(await realEnvelopeBytes(largest)).toBeLessThanOrEqual(LIMIT);
      expect(over.fits).toBe(false);
      expect(over.bytesLeft).toBeLessThan(0);
      expect(await realEnvelopeBytes(largest + unit.repeat(Math.max(1, atLimit.bytesLeft + 1)))).toBeGreaterThan(LIMIT);
    }
  });

  it('counts down the bytes left as text is added', () => {
    const empty = measureMessageBody('', LIMIT);
    expect(measureMessageBody('abc', LIMIT).bytesLeft).toBe(empty.bytesLeft - 3);
    expect(measureMessageBody('é', LIMIT).bytesLeft).toBe(empty.bytesLeft - 2);
  });
});
