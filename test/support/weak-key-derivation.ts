import { HashWasmKeyDerivation } from '../../src/adapters/crypto-node/hash-wasm-key-derivation';
import { Argon2idCost, KeyDerivation } from '../../src/application/ports/client-crypto';

/** Argon2id's smallest cost (8 KiB, one pass): about a millisecond instead of a few hundred. */
const WEAKEST: Argon2idCost = { memoryKiB: 8, iterations: 1, parallelism: 1 };

/**
 * Tests only: real Argon2id, but at the weakest cost whatever the account's KDF parameters say,
 * so client use cases can register and log in in milliseconds. Production code never sees this:
 * the wire still carries (and servers still check) parameters at or above the PROTOCOL floor.
 */
export class WeakKeyDerivationForTests implements KeyDerivation {
  private readonly argon2 = new HashWasmKeyDerivation();

  argon2id(password: Uint8Array, salt: Uint8Array): Promise<Uint8Array> {
    return this.argon2.argon2id(password, salt, WEAKEST);
  }
}
