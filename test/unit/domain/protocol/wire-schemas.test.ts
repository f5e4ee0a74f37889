import { Value } from '@sinclair/typebox/value';
import { parseBlobEntityTag, blobEntityTag } from '../../../../src/domain/protocol/wire/blob';
import { Envelope, SealedEnvelope } from '../../../../src/domain/protocol/wire/envelope';
import { ProblemCode } from '../../../../src/domain/protocol/wire/problem';
import { RegisterRequest } from '../../../../src/domain/protocol/wire/accounts';

const b64 = (length: number) => 'A'.repeat(length);

describe('wire schemas', () => {
  it('accepts both envelope shapes and nothing in between', () => {
    const sealed = { v: 1, epk: b64(43), nonce: b64(16), ct: b64(64) };
    const message = { v: 1, nonce: b64(16), ct: b64(64) };
    expect(Value.Check(Envelope, sealed)).toBe(true);
    expect(Value.Check(Envelope, message)).toBe(true);
    expect(Value.Check(SealedEnvelope, message)).toBe(false);
    expect(Value.Check(Envelope, { ...message, extra: 1 })).toBe(false);
    expect(Value.Check(Envelope, { ...message, nonce: b64(15) })).toBe(false);
    expect(Value.Check(Envelope, { ...message, ct: 'a+b/' })).toBe(false);
  });

  it('lists exactly the PROTOCOL §3 problem codes and the version 2 additions', () => {
    const codes = ProblemCode.anyOf.map((literal) => literal.const).sort();
    expect(codes).toEqual(
      [
        'validation_failed', 'unauthorized', 'forbidden', 'not_found', 'name_taken', 'version_conflict',
        'precondition_required', 'captcha_invalid', 'captcha_expired', 'payload_too_large', 'inbox_full',
        'rate_limited', 'registration_closed', 'unsupported_media_type',
        'object_exists', 'object_missing', 'object_committed', 'store_full',
      ].sort(),
    );
  });

  it('rejects names outside the PROTOCOL §2 pattern', () => {
    const body = { name: 'alice', authKey: b64(43), kdf: { algorithm: 'argon2id', salt: b64(22), memoryKiB: 65536, iterations: 3, parallelism: 1 }, identityKey: b64(43), blob: { ciphertext: '' } };
    expect(Value.Check(RegisterRequest, body)).toBe(true);
    for (const name of ['a', 'Alice', '-alice', 'al ice', 'a'.repeat(33)]) expect(Value.Check(RegisterRequest, { ...body, name })).toBe(false);
  });

  it('round-trips blob entity tags and refuses weak or listed ones', () => {
    expect(parseBlobEntityTag(blobEntityTag(42))).toBe(42);
    for (const header of ['42', 'W/"42"', '"0"', '"1", "2"', '*', '""']) expect(parseBlobEntityTag(header)).toBeNull();
  });
});
