import '../../../../src/adapters/crypto-node/argon2-node-loader';
import {
  Argon2BrowserKeyDerivation,
  argon2idWithArgon2Browser,
} from '../../../../src/adapters/crypto/argon2-browser-key-derivation';
import { argon2idWithHashWasm, HashWasmKeyDerivation } from '../../../../src/adapters/crypto-node/hash-wasm-key-derivation';
import { hex, toHex, utf8 } from './support/hex';
import { VECTORS } from './support/vectors';

const { rfc9106, reference } = VECTORS.argon2id;

describe('Argon2id known answers', () => {
  it('argon2-browser gives the RFC 9106 §5.3 tag (secret and associated data)', async () => {
    const tag = await argon2idWithArgon2Browser({
      password: hex(rfc9106.password),
      salt: hex(rfc9106.salt),
      secret: hex(rfc9106.secret),
      associatedData: hex(rfc9106.associatedData),
      memoryKiB: rfc9106.memoryKiB,
      iterations: rfc9106.iterations,
      parallelism: rfc9106.parallelism,
      hashLength: 32,
    });
    expect(toHex(tag)).toBe(rfc9106.tag);
  });

  it('hash-wasm refuses associated data rather than silently ignoring it', () => {
    const input = { password: new Uint8Array(1), salt: new Uint8Array(8), memoryKiB: 8, iterations: 1, parallelism: 1, hashLength: 32 };
    expect(() => argon2idWithHashWasm({ ...input, associatedData: new Uint8Array(1) } as typeof input)).toThrow(/associated data/);
  });

  describe.each([
    ['argon2-browser', argon2idWithArgon2Browser],
    ['hash-wasm', argon2idWithHashWasm],
  ])('%s', (_, argon2id) => {
    it.each(reference.cases)(
      'phc-winner-argon2 vector: "$password"/"$salt" m=$memoryKiB t=$iterations p=$parallelism',
      async (testCase) => {
        const tag = await argon2id({
          password: utf8(testCase.password),
          salt: utf8(testCase.salt),
          memoryKiB: testCase.memoryKiB,
          iterations: testCase.iterations,
          parallelism: testCase.parallelism,
          hashLength: 32,
        });
        expect(toHex(tag)).toBe(testCase.tag);
      },
    );
  });
});

describe('the KeyDerivation adapters', () => {
  it('agree with each other at the protocol default cost and return 32 bytes', async () => {
    const password = utf8('a password with ünïcode');
    const salt = Uint8Array.from({ length: 16 }, (_, index) => 255 - index);
    const cost = { memoryKiB: 65536, iterations: 3, parallelism: 1 };
    const fromArgon2Browser = await new Argon2BrowserKeyDerivation().argon2id(password, salt, cost);
    const fromHashWasm = await new HashWasmKeyDerivation().argon2id(password, salt, cost);
    expect(fromArgon2Browser).toHaveLength(32);
    expect(toHex(fromArgon2Browser)).toBe(toHex(fromHashWasm));
  });

  it('leaves no process-wide handlers from the Emscripten glue behind', async () => {
    await argon2idWithArgon2Browser({ password: utf8('x'), salt: utf8('saltsalt'), memoryKiB: 8, iterations: 1, parallelism: 1, hashLength: 32 });
    const glueHandlers = process.listeners('unhandledRejection').filter((listener) => listener.name === 'abort');
    expect(glueHandlers).toHaveLength(0);
  });
});
