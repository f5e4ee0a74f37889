import { Result } from '../../domain/protocol/result';
import { ObjectChanges, StoreCommitFailure } from '../../domain/home-server/store/store-commit';
import { UserBlob } from '../../domain/home-server/user-blob';

/** A head write's object changes and the quota they are checked against (PROTOCOL §8.2). */
export interface StoreCommit {
  readonly changes: ObjectChanges;
  readonly storeBytes: number;
}

export type SaveBlobFailure = StoreCommitFailure | { readonly code: 'account/not-found' };

/** Optimistic versioning is part of the contract: `save` is a compare-and-set, atomic in every adapter. */
export interface UserBlobRepository {
  find(name: string): Promise<UserBlob | null>;
  /**
   * Writes version `expectedVersion + 1` only if the stored version equals `expectedVersion`.
   * With `commit`, the object changes and the store quota are decided by `planStoreCommit` and
   * applied in the same atomic step: any failure changes nothing, neither head nor objects.
   * Without it, a v1 write: the head alone, no store quota.
   */
  save(
    name: string,
    ciphertext: Uint8Array,
    expectedVersion: number,
    now: number,
    commit?: StoreCommit,
  ): Promise<Result<{ version: number }, SaveBlobFailure>>;
}
