import { UserBlobRepository } from '../../../application/ports/user-blob-repository';
import { Result } from '../../../domain/result';
import { UserBlob } from '../../../domain/user-blob';
import { advanceBlob, BlobAdvanceFailure, readBlob } from './mongo-blob-documents';
import { MongoContext } from './mongo-context';

/**
 * The blob head's `{ _id, version }` filter is the compare-and-set; head and chunks change in one
 * transaction, and reads run in one too, so nobody sees the chunks of another version.
 */
export class MongoUserBlobRepository implements UserBlobRepository {
  constructor(private readonly context: MongoContext) {}

  async find(name: string): Promise<UserBlob | null> {
    return this.context.transaction((session) => readBlob(this.context.collections, session, name));
  }

  async save(
    name: string,
    ciphertext: Uint8Array,
    expectedVersion: number,
    now: number,
  ): Promise<Result<{ version: number }, BlobAdvanceFailure>> {
    return this.context.transaction((session) =>
      advanceBlob(this.context.collections, session, { name, ciphertext, expectedVersion, now }),
    );
  }
}
