import { Argon2idCost } from '../../application/ports/client-crypto';

/** Everything RFC 9106 lets Argon2id take, for known-answer tests beyond the port's 32-byte use. */
export interface Argon2idInput extends Argon2idCost {
  readonly password: Uint8Array;
  readonly salt: Uint8Array;
  readonly hashLength: number;
  /** RFC 9106's optional secret value K. */
  readonly secret?: Uint8Array;
  /** RFC 9106's optional associated data X. */
  readonly associatedData?: Uint8Array;
}

export const MASTER_KEY_BYTES = 32;
