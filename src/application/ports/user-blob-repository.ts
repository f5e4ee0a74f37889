import { Result } from '../../domain/result';
import { UserBlob } from '../../domain/user-blob';

/** Optimistic versioning is part of the contract: `save` is a compare-and-set, atomic in every adapter. */
export interface UserBlobRepository {
  find(name: string): Promise<UserBlob | null>;
  /** Writes version `expectedVersion + 1` only if the stored version equals `expectedVersion`. */
  save(
    name: string,
    ciphertext: Uint8Array,
    expectedVersion: number,
    now: number,
  ): Promise<Result<{ version: number }, { code: 'blob/version-conflict'; currentVersion: number } | { code: 'account/not-found' }>>;
}
