import argon2 from 'argon2-browser';
import { Argon2idCost, KeyDerivation } from '../../application/ports/client-crypto';
import { Argon2idInput, MASTER_KEY_BYTES } from './argon2id-input';

/**
 * Argon2id through argon2-browser's WASM build. Works as is in a browser bundle (esbuild with
 * `--loader:.wasm=base64`); Node needs `../crypto-node/argon2-node-loader` imported once beforehand.
 */
export class Argon2BrowserKeyDerivation implements KeyDerivation {
  argon2id(password: Uint8Array, salt: Uint8Array, cost: Argon2idCost): Promise<Uint8Array> {
    // Only the three cost fields: callers often pass whole KdfParams, whose `salt` is b64u text.
    const { memoryKiB, iterations, parallelism } = cost;
    return argon2idWithArgon2Browser({ password, salt, memoryKiB, iterations, parallelism, hashLength: MASTER_KEY_BYTES });
  }
}

export const argon2idWithArgon2Browser = async (input: Argon2idInput): Promise<Uint8Array> => {
  try {
    const result = await argon2.hash({
      pass: input.password,
      salt: input.salt,
      time: input.iterations,
      mem: input.memoryKiB,
      parallelism: input.parallelism,
      hashLen: input.hashLength,
      type: argon2.ArgonType.Argon2id,
      ...(input.secret === undefined ? {} : { secret: input.secret }),
      ...(input.associatedData === undefined ? {} : { ad: input.associatedData }),
    });
    return Uint8Array.from(result.hash);
  } catch (failure) {
    // argon2-browser rejects with a plain `{ message, code }` object, not an Error.
    throw new Error(`argon2-browser failed: ${describe(failure)}`, { cause: failure });
  }
};

const describe = (failure: unknown): string =>
  typeof failure === 'object' && failure !== null && 'message' in failure ? String(failure.message) : String(failure);
