import { SecretStore } from '../../../application/ports/secret-store';
import { isDuplicateKeyError, MongoContext } from './mongo-context';
import { binaryToBytes, bytesToBinary } from './mongo-documents';

export class MongoSecretStore implements SecretStore {
  constructor(private readonly context: MongoContext) {}

  /** Several processes may start at once: `$setOnInsert` keeps the first value written, and all return it. */
  async getOrCreate(name: string, create: () => Uint8Array): Promise<Uint8Array> {
    const { secrets } = this.context.collections;
    const existing = await secrets.findOne({ _id: name });
    if (existing) return binaryToBytes(existing.value);
    try {
      const stored = await secrets.findOneAndUpdate(
        { _id: name },
        { $setOnInsert: { value: bytesToBinary(create()) } },
        { upsert: true, returnDocument: 'after' },
      );
      if (stored) return binaryToBytes(stored.value);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const winner = await secrets.findOne({ _id: name });
    if (!winner) throw new Error(`secret ${name} vanished while being created`);
    return binaryToBytes(winner.value);
  }
}
