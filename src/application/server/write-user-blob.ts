import { BlobVersionConflict, ObjectsMissing } from '../../domain/protocol/server-error-codes';
import { err, ok, Result } from '../../domain/protocol/result';
import { contradictoryIds, NO_OBJECT_CHANGES, ObjectChanges } from '../../domain/home-server/store/store-commit';
import { MAX_OBJECT_CHANGES } from '../../domain/home-server/store/store-object';
import { ServerDependencies } from './server-dependencies';

export interface WriteUserBlobInput {
  readonly name: string;
  /** The version from `If-Match`; null when the header is missing. */
  readonly ifMatch: number | null;
  readonly ciphertext: Uint8Array;
  /** PROTOCOL §8.2 `objects`; absent for a version 1 write. */
  readonly objects?: ObjectChanges;
  /** The writing session's jti: its own stream need not hear of the write. */
  readonly session: string;
}

export interface WriteUserBlobOutput {
  readonly version: number;
}

export type WriteUserBlobError =
  | 'blob/precondition-required'
  | 'blob/too-large'
  | 'account/not-found'
  | 'input/invalid'
  | 'store/full'
  | BlobVersionConflict
  | ObjectsMissing;

export type WriteUserBlobDeps = Pick<ServerDependencies, 'blobs' | 'clock' | 'policy' | 'notifier'>;

/**
 * Compare-and-set write of the head: a stale version gets the current one back so the client can
 * merge. Its object changes (commit, release, claim) land in the same atomic step; every write,
 * version 1 ones included, keeps the store within `storeBytes`. A successful write is announced
 * to the account's other sessions, which re-read and merge.
 */
export class WriteUserBlob {
  constructor(private readonly deps: WriteUserBlobDeps) {}

  async execute(input: WriteUserBlobInput): Promise<Result<WriteUserBlobOutput, WriteUserBlobError>> {
    if (input.ifMatch === null) return err('blob/precondition-required');
    if (input.ciphertext.length > this.deps.policy.blobBytes) return err('blob/too-large');
    const changes = input.objects ?? NO_OBJECT_CHANGES;
    const lists = [changes.commit, changes.release, changes.claim];
    if (lists.some((list) => list.length > MAX_OBJECT_CHANGES) || contradictoryIds(changes).length > 0) return err('input/invalid');
    const saved = await this.deps.blobs.save(input.name, input.ciphertext, input.ifMatch, this.deps.clock.now(), {
      changes,
      storeBytes: this.deps.policy.store.storeBytes,
    });
    if (saved.ok) {
      this.deps.notifier.notifyBlob(input.name, saved.value.version, input.session);
      return ok({ version: saved.value.version });
    }
    const failure = saved.error;
    switch (failure.code) {
      case 'account/not-found':
        return err('account/not-found');
      case 'store/full':
        return err('store/full');
      case 'object/missing':
        return err({ code: 'object/missing', missing: failure.missing });
      case 'blob/version-conflict':
        return err(failure);
    }
  }
}
