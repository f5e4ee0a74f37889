import { DecryptFailed, InvalidKey } from '../../ports/client-crypto';

export type { DecryptFailed, InvalidKey };

/** Not an envelope or ciphertext of the expected shape: wrong version, members, encoding or sizes. */
export type Malformed = 'crypto/malformed';

/** Why an envelope or ciphertext could not be opened. All are expected: peers and servers send garbage. */
export type OpenFailure = Malformed | InvalidKey | DecryptFailed;
