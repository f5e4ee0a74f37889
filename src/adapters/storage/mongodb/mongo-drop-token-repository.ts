import { DropTokenRepository } from '../../../application/ports/drop-token-repository';
import { DropToken } from '../../../domain/home-server/drop-token';
import { MongoContext } from './mongo-context';
import { fromDropTokenDocument, toDropTokenDocument } from './mongo-documents';

/** One `$inc` on one document: concurrent uses never lose a count. Shared with the inbox's append transaction. */
export const dropTokenUseUpdate = (id: string, at: number) =>
  ({ filter: { _id: id }, update: { $inc: { uses: 1 }, $set: { lastUsedAt: at } } }) as const;

export class MongoDropTokenRepository implements DropTokenRepository {
  constructor(private readonly context: MongoContext) {}

  async create(token: DropToken): Promise<void> {
    await this.context.collections.dropTokens.insertOne(toDropTokenDocument(token));
  }

  async list(owner: string): Promise<DropToken[]> {
    const documents = await this.context.collections.dropTokens.find({ owner }).sort({ createdAt: 1, _id: 1 }).toArray();
    return documents.map(fromDropTokenDocument);
  }

  async findByHash(owner: string, hash: string): Promise<DropToken | null> {
    const document = await this.context.collections.dropTokens.findOne({ owner, hash });
    return document ? fromDropTokenDocument(document) : null;
  }

  async recordUse(id: string, at: number): Promise<void> {
    const { filter, update } = dropTokenUseUpdate(id, at);
    await this.context.collections.dropTokens.updateOne(filter, update);
  }

  async revoke(owner: string, id: string): Promise<boolean> {
    const removed = await this.context.collections.dropTokens.deleteOne({ _id: id, owner });
    return removed.deletedCount === 1;
  }
}
