import { argon2id } from 'hash-wasm';
import { Argon2idCost, KeyDerivation } from '../../application/ports/client-crypto';
import { Argon2idInput, MASTER_KEY_BYTES } from '../crypto/argon2id-input';

/** Argon2id through hash-wasm: an independent implementation for cross-checks and benchmarks. */
export class HashWasmKeyDerivation implements KeyDerivation {
  argon2id(password: Uint8Array, salt: Uint8Array, cost: Argon2idCost): Promise<Uint8Array> {
    // Only the three cost fields: callers often pass whole KdfParams, whose `salt` is b64u text.
    const { memoryKiB, iterations, parallelism } = cost;
    return argon2idWithHashWasm({ password, salt, memoryKiB, iterations, parallelism, hashLength: MASTER_KEY_BYTES });
  }
}

/** hash-wasm takes a secret but has no associated-data input, so that one is refused. */
export const argon2idWithHashWasm = (input: Omit<Argon2idInput, 'associatedData'>): Promise<Uint8Array> => {
  if ('associatedData' in input) throw new Error('hash-wasm argon2id does not support associated data');
  return argon2id({
    password: input.password,
    salt: input.salt,
    iterations: input.iterations,
    memorySize: input.memoryKiB,
    parallelism: input.parallelism,
    hashLength: input.hashLength,
    outputType: 'binary',
    ...(input.secret === undefined ? {} : { secret: input.secret }),
  });
};
