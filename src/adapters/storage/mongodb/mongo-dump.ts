import { DumpRecord, ImportOptions, RecordCounts, StorageDump, TargetNotEmpty } from '../../../application/ports/storage-dump';
import { importRecords, RecordWriter } from '../records-import';
import { Result } from '../../../domain/protocol/result';
import { utf8ByteLength } from '../../../domain/protocol/text-size';
import {
  binaryToBytes,
  bytesToBinary,
  fromAccountDocument,
  fromBlobDocuments,
  fromDropTokenDocument,
  fromInboxItemDocument,
  fromInviteDocument,
  toAccountDocument,
  toBlobDocuments,
  toDropTokenDocument,
  toInboxItemDocument,
  toInviteDocument,
} from './mongo-documents';
import {
  AccountDocument,
  BlobChunkDocument,
  BlobDocument,
  DropTokenDocument,
  InboxCounterDocument,
  InboxItemDocument,
  InviteDocument,
  SecretDocument,
  StoreObjectDocument,
} from './schema';
import { fromStoreObjectDocument, toStoreObjectDocument } from './mongo-store-objects';
import { isInStore } from '../../../domain/home-server/store/store-object';

/** The collections a dump reads and writes, with their document types. */
export interface DumpDocuments {
  secrets: SecretDocument;
  invites: InviteDocument;
  accounts: AccountDocument;
  blobs: BlobDocument;
  blobChunks: BlobChunkDocument;
  dropTokens: DropTokenDocument;
  inbox: InboxItemDocument;
  inboxCounters: InboxCounterDocument;
  storeObjects: StoreObjectDocument;
}

export type DumpCollection = keyof DumpDocuments;

/** What an export reads as a whole; chunks come per blob and counters are rebuilt on import. */
export type StreamedCollection = Exclude<DumpCollection, 'blobChunks' | 'inboxCounters'>;

/**
 * What the dump needs from MongoDB, and nothing else: streams in a fixed order, bulk inserts,
 * totals. The driver implements it (mongo-driver-dump.ts); tests use plain arrays.
 */
export interface MongoDumpStore {
  /** Inbox items by owner, then seq; store objects by owner, then id; everything else by `_id`. */
  stream<C extends StreamedCollection>(collection: C): AsyncIterable<DumpDocuments[C]>;
  /** One blob's chunks, in any order. */
  chunksOf(name: string): Promise<BlobChunkDocument[]>;
  /** The highest seq any inbox counter has handed out (0 when there is none). */
  highestCounterSeq(): Promise<number>;
  /** Ordered bulk insert with the storage's write concern. */
  insert<C extends DumpCollection>(collection: C, documents: DumpDocuments[C][]): Promise<void>;
  counts(): Promise<RecordCounts>;
  /** Empties every collection of the adapter, sessions and captchas included. */
  clear(): Promise<void>;
}

/** One insertMany holds at most this many documents, or about this many bytes (the driver splits further). */
export const INSERT_BATCH_DOCUMENTS = 1000;
export const INSERT_BATCH_BYTES = 16 * 1024 * 1024;
/** Per document, for the batch size estimate: field names, ids and numbers. */
const DOCUMENT_OVERHEAD_BYTES = 256;

interface InboxTotals {
  items: number;
  bytes: number;
  lastSeq: number;
  droppedObjects: number;
  droppedBytes: number;
}

/**
 * Turns records into documents and hands them out in insert batches. Pure: no I/O, so the document
 * mapping is checked without a server. Counters are made last, one per account, from the items
 * actually written: their seq starts above everything the source ever handed out.
 */
export class MongoImportBatches {
  private readonly pending = new Map<DumpCollection, { documents: object[]; bytes: number }>();
  private readonly inboxTotals = new Map<string, InboxTotals>();
  /** Staged + committed objects per owner, for the totals on its blob head (objects come first). */
  private readonly storeTotals = new Map<string, { objects: number; bytes: number }>();
  private sourceLastSeq = 0;

  /** Adds the record's documents; returns the batches that became full. */
  add(record: DumpRecord): MongoInsertBatch[] {
    switch (record.kind) {
      case 'secret':
        return this.push('secrets', { _id: record.name, value: bytesToBinary(record.value) }, record.value.length);
      case 'invite':
        return this.push('invites', toInviteDocument(record.invite), 0);
      case 'account':
        this.inboxTotals.set(record.account.name, { items: 0, bytes: 0, lastSeq: 0, droppedObjects: 0, droppedBytes: 0 });
        return this.push('accounts', toAccountDocument(record.account), 0);
      case 'store-object': {
        const { object } = record;
        if (isInStore(object.state)) {
          const totals = this.storeTotals.get(object.owner) ?? { objects: 0, bytes: 0 };
          this.storeTotals.set(object.owner, { objects: totals.objects + 1, bytes: totals.bytes + object.bytes });
        } else {
          const totals = this.inboxTotals.get(object.owner);
          if (!totals) throw new Error(`dropped object of ${object.owner}, who has no account in the dump`);
          totals.droppedObjects += 1;
          totals.droppedBytes += object.bytes;
        }
        return this.push('storeObjects', toStoreObjectDocument(object), object.bytes);
      }
      case 'blob': {
        const { head, chunks } = toBlobDocuments(record.blob);
        const store = this.storeTotals.get(record.blob.name);
        if (store) Object.assign(head, { storeObjects: store.objects, storeBytes: store.bytes });
        return [
          ...this.push('blobs', head, 0),
          ...chunks.flatMap((chunk) => this.push('blobChunks', chunk, chunk.data.length())),
        ];
      }
      case 'drop-token':
        return this.push('dropTokens', toDropTokenDocument(record.token), 0);
      case 'inbox-item': {
        const bytes = utf8ByteLength(record.item.envelope);
        const totals = this.inboxTotals.get(record.item.owner);
        if (!totals) throw new Error(`inbox item of ${record.item.owner}, who has no account in the dump`);
        totals.items += 1;
        totals.bytes += bytes;
        totals.lastSeq = Math.max(totals.lastSeq, record.item.seq);
        return this.push('inbox', toInboxItemDocument(record.item, bytes), bytes);
      }
      case 'inbox-sequence':
        this.sourceLastSeq = Math.max(this.sourceLastSeq, record.lastSeq);
        return [];
    }
  }

  /** Everything still pending, then the inbox counters. */
  finish(): MongoInsertBatch[] {
    const rest = [...this.pending.entries()].map(([collection, { documents }]) => ({ collection, documents }) as MongoInsertBatch);
    this.pending.clear();
    const counters: InboxCounterDocument[] = [...this.inboxTotals.entries()].map(([owner, totals]) => ({
      _id: owner,
      seq: Math.max(this.sourceLastSeq, totals.lastSeq),
      items: totals.items,
      bytes: totals.bytes,
      droppedObjects: totals.droppedObjects,
      droppedBytes: totals.droppedBytes,
    }));
    const counterBatches: MongoInsertBatch[] = [];
    for (let start = 0; start < counters.length; start += INSERT_BATCH_DOCUMENTS) {
      counterBatches.push({ collection: 'inboxCounters', documents: counters.slice(start, start + INSERT_BATCH_DOCUMENTS) });
    }
    return [...rest.filter((batch) => batch.documents.length > 0), ...counterBatches];
  }

  private push<C extends DumpCollection>(collection: C, document: DumpDocuments[C], payloadBytes: number): MongoInsertBatch[] {
    const pending = this.pending.get(collection) ?? { documents: [], bytes: 0 };
    pending.documents.push(document);
    pending.bytes += payloadBytes + DOCUMENT_OVERHEAD_BYTES;
    this.pending.set(collection, pending);
    if (pending.documents.length < INSERT_BATCH_DOCUMENTS && pending.bytes < INSERT_BATCH_BYTES) return [];
    this.pending.delete(collection);
    return [{ collection, documents: pending.documents } as MongoInsertBatch];
  }
}

/** One insertMany: a collection and documents of its type. */
export type MongoInsertBatch = { [C in DumpCollection]: { collection: C; documents: DumpDocuments[C][] } }[DumpCollection];

/** Reads documents back into records, in DUMP_ORDER. */
export async function* recordsFromMongo(store: MongoDumpStore): AsyncIterable<DumpRecord> {
  for await (const secret of store.stream('secrets')) {
    yield { kind: 'secret', name: secret._id, value: binaryToBytes(secret.value) };
  }
  for await (const invite of store.stream('invites')) yield { kind: 'invite', invite: fromInviteDocument(invite) };
  for await (const account of store.stream('accounts')) yield { kind: 'account', account: fromAccountDocument(account) };
  for await (const object of store.stream('storeObjects')) yield { kind: 'store-object', object: fromStoreObjectDocument(object) };
  for await (const head of store.stream('blobs')) {
    yield { kind: 'blob', blob: fromBlobDocuments(head, await store.chunksOf(head._id)) };
  }
  for await (const token of store.stream('dropTokens')) yield { kind: 'drop-token', token: fromDropTokenDocument(token) };
  let highestItemSeq = 0;
  for await (const item of store.stream('inbox')) {
    highestItemSeq = Math.max(highestItemSeq, item.seq);
    yield { kind: 'inbox-item', item: fromInboxItemDocument(item) };
  }
  // Counters remember seqs of items already acknowledged; seqs count per inbox, so the highest
  // of all is a floor that holds for every inbox.
  yield { kind: 'inbox-sequence', lastSeq: Math.max(highestItemSeq, await store.highestCounterSeq()) };
}

/**
 * Plain inserts, not transactions: a migration runs while no server writes, and the counts are
 * verified afterwards. Each inbox's seq is kept exactly as exported.
 */
export class MongoStorageDump implements StorageDump {
  constructor(private readonly store: MongoDumpStore) {}

  exportAll(): AsyncIterable<DumpRecord> {
    return recordsFromMongo(this.store);
  }

  importAll(records: AsyncIterable<DumpRecord>, options?: ImportOptions): Promise<Result<RecordCounts, TargetNotEmpty>> {
    const batches = new MongoImportBatches();
    const writer: RecordWriter = {
      counts: () => this.store.counts(),
      clear: () => this.store.clear(),
      write: async (record) => {
        for (const batch of batches.add(record)) await this.insert(batch);
      },
      finish: async () => {
        for (const batch of batches.finish()) await this.insert(batch);
      },
    };
    return importRecords(writer, records, options);
  }

  counts(): Promise<RecordCounts> {
    return this.store.counts();
  }

  private insert(batch: MongoInsertBatch): Promise<void> {
    // The union does not narrow through a generic call; each member pairs a collection with its own type.
    return this.store.insert(batch.collection, batch.documents as DumpDocuments[typeof batch.collection][]);
  }
}
