import { BSON, Document } from 'mongodb';
import { RecordCounts } from '../../../../src/application/ports/storage-dump';
import {
  MongoDumpStore,
  DumpCollection,
  DumpDocuments,
  StreamedCollection,
} from '../../../../src/adapters/storage/mongodb/mongo-dump';
import { BlobChunkDocument } from '../../../../src/adapters/storage/mongodb/schema';

type Held = { [C in DumpCollection]: DumpDocuments[C][] };

const empty = (): Held => ({
  secrets: [],
  invites: [],
  accounts: [],
  blobs: [],
  blobChunks: [],
  dropTokens: [],
  inbox: [],
  inboxCounters: [],
  storeObjects: [],
});

const compareIds = (a: { _id?: unknown }, b: { _id?: unknown }): number => String(a._id).localeCompare(String(b._id));

/**
 * The documents a MongoDB database would hold, as arrays: what the dump writes can be looked at
 * and read back without a server. Documents go through BSON on the way in, as they would on the
 * wire, and the unique keys of the real indexes are enforced, so a mapping that would lose a type
 * or collide on a server fails here too.
 */
export class InMemoryMongoDumpStore implements MongoDumpStore {
  held: Held = empty();
  /** Every insertMany, in order: collection and size. */
  readonly inserts: { collection: DumpCollection; documents: number }[] = [];

  async *stream<C extends StreamedCollection>(collection: C): AsyncIterable<DumpDocuments[C]> {
    const documents = [...(this.held[collection] as DumpDocuments[C][])];
    if (collection === 'inbox') {
      const items = documents as DumpDocuments['inbox'][];
      items.sort((a, b) => a.owner.localeCompare(b.owner) || a.seq - b.seq);
    } else if (collection === 'storeObjects') {
      const objects = documents as DumpDocuments['storeObjects'][];
      objects.sort((a, b) => a.owner.localeCompare(b.owner) || (a.id < b.id ? -1 : 1));
    } else {
      documents.sort(compareIds);
    }
    yield* documents;
  }

  async chunksOf(name: string): Promise<BlobChunkDocument[]> {
    // Deliberately out of order: the reader must sort by index itself.
    return this.held.blobChunks.filter((chunk) => chunk.name === name).reverse();
  }

  async highestCounterSeq(): Promise<number> {
    return Math.max(0, ...this.held.inboxCounters.map((counter) => counter.seq));
  }

  async insert<C extends DumpCollection>(collection: C, documents: DumpDocuments[C][]): Promise<void> {
    this.inserts.push({ collection, documents: documents.length });
    const target = this.held[collection] as DumpDocuments[C][];
    for (const original of documents) {
      const document = BSON.deserialize(BSON.serialize(original as Document)) as DumpDocuments[C];
      const key = uniqueKeyOf(collection, document);
      if (key !== null && target.some((existing) => uniqueKeyOf(collection, existing) === key)) {
        throw new Error(`E11000 duplicate key in ${collection}: ${key}`);
      }
      target.push(document);
    }
  }

  async counts(): Promise<RecordCounts> {
    const { held } = this;
    return {
      accounts: held.accounts.length,
      blobs: held.blobs.length,
      blobBytes: held.blobs.reduce((sum, head) => sum + head.byteLength, 0),
      dropTokens: held.dropTokens.length,
      inboxItems: held.inbox.length,
      inboxBytes: held.inbox.reduce((sum, item) => sum + item.bytes, 0),
      secrets: held.secrets.length,
      invites: held.invites.length,
      storeObjects: held.storeObjects.length,
      storeObjectBytes: held.storeObjects.reduce((sum, object) => sum + object.bytes, 0),
    };
  }

  async clear(): Promise<void> {
    this.held = empty();
  }
}

/** The `_id` index of every collection plus the unique secondary indexes of schema.ts. */
const uniqueKeyOf = (collection: DumpCollection, document: object): string | null => {
  const fields = document as Record<string, unknown>;
  switch (collection) {
    case 'inbox':
      return `${String(fields['owner'])}/${String(fields['seq'])}`;
    case 'blobChunks':
      return `${String(fields['name'])}/${String(fields['index'])}`;
    case 'storeObjects':
      return `${String(fields['owner'])}/${String(fields['id'])}`;
    default:
      return String(fields['_id']);
  }
};
