import { ServerStorage } from './server-storage';
import { Account } from '../../domain/home-server/account';
import { StoredInboxItem } from '../../domain/home-server/inbox-item';
import { DropToken } from '../../domain/home-server/drop-token';
import { Result } from '../../domain/protocol/result';
import { StoreObject } from '../../domain/home-server/store/store-object';
import { utf8ByteLength } from '../../domain/protocol/text-size';
import { UserBlob } from '../../domain/home-server/user-blob';
import { Invite } from './invite-repository';

/**
 * One durable record of a storage, as a plain object that any adapter can write back.
 * Sessions and captchas are ephemeral and never part of a dump: after a migration users log in again.
 */
export type DumpRecord =
  | { readonly kind: 'secret'; readonly name: string; readonly value: Uint8Array }
  | { readonly kind: 'invite'; readonly invite: Invite }
  | { readonly kind: 'account'; readonly account: Account }
  /** Before the blob: a head's running store totals are made from the objects already written. */
  | { readonly kind: 'store-object'; readonly object: StoreObject }
  | { readonly kind: 'blob'; readonly blob: UserBlob }
  | { readonly kind: 'drop-token'; readonly token: DropToken }
  | { readonly kind: 'inbox-item'; readonly item: StoredInboxItem }
  /** The highest seq the source ever handed out: the target hands out only higher ones afterwards. */
  | { readonly kind: 'inbox-sequence'; readonly lastSeq: number };

export type DumpRecordKind = DumpRecord['kind'];

/**
 * The order every export follows and every import may rely on: whatever a record refers to comes
 * before it (secrets and invites, accounts, then what accounts own), and `inbox-sequence` comes last.
 */
export const DUMP_ORDER: readonly DumpRecordKind[] = [
  'secret',
  'invite',
  'account',
  'store-object',
  'blob',
  'drop-token',
  'inbox-item',
  'inbox-sequence',
];

/**
 * What every importer checks before writing a record. A failure is a bug in the exporter (or in
 * whoever assembled the records), never an expected state, so it throws: records out of
 * DUMP_ORDER, a record whose account was not imported first, an inbox not in ascending seq.
 */
export class DumpImportGuard {
  private reached = 0;
  private readonly accounts = new Set<string>();
  private readonly lastSeqOf = new Map<string, number>();

  check(record: DumpRecord): void {
    const position = DUMP_ORDER.indexOf(record.kind);
    if (position < this.reached) {
      throw new Error(`dump record '${record.kind}' came after '${DUMP_ORDER[this.reached]}' records`);
    }
    this.reached = position;
    switch (record.kind) {
      case 'account':
        if (this.accounts.has(record.account.name)) throw new Error(`dump holds account ${record.account.name} twice`);
        this.accounts.add(record.account.name);
        return;
      case 'store-object':
        return this.requireAccount(record.object.owner, 'store object');
      case 'blob':
        return this.requireAccount(record.blob.name, 'blob');
      case 'drop-token':
        return this.requireAccount(record.token.owner, 'drop token');
      case 'inbox-item':
        return this.checkInboxItem(record.item);
      default:
        return;
    }
  }

  private checkInboxItem(item: StoredInboxItem): void {
    this.requireAccount(item.owner, 'inbox item');
    const previous = this.lastSeqOf.get(item.owner);
    if (previous !== undefined && item.seq <= previous) {
      throw new Error(`dump inbox of ${item.owner} is not in ascending seq (${item.seq} after ${previous})`);
    }
    this.lastSeqOf.set(item.owner, item.seq);
  }

  private requireAccount(name: string, what: string): void {
    if (!this.accounts.has(name)) throw new Error(`dump ${what} of ${name} comes without (or before) its account`);
  }
}

/** What a migration verifies on both sides. */
export interface RecordCounts {
  readonly accounts: number;
  readonly blobs: number;
  /** Total ciphertext bytes of all blobs. */
  readonly blobBytes: number;
  readonly dropTokens: number;
  readonly inboxItems: number;
  /** Total UTF-8 bytes of all inbox envelopes. */
  readonly inboxBytes: number;
  readonly secrets: number;
  readonly invites: number;
  /** Store objects in every state (staged, committed, dropped). */
  readonly storeObjects: number;
  readonly storeObjectBytes: number;
}

export type RecordCountName = keyof RecordCounts;

export const RECORD_COUNT_NAMES: readonly RecordCountName[] = [
  'accounts',
  'blobs',
  'blobBytes',
  'dropTokens',
  'inboxItems',
  'inboxBytes',
  'secrets',
  'invites',
  'storeObjects',
  'storeObjectBytes',
];

export const NO_RECORDS: RecordCounts = {
  accounts: 0,
  blobs: 0,
  blobBytes: 0,
  dropTokens: 0,
  inboxItems: 0,
  inboxBytes: 0,
  secrets: 0,
  invites: 0,
  storeObjects: 0,
  storeObjectBytes: 0,
};

/** What one record adds to the counts. */
export const countRecord = (counts: RecordCounts, record: DumpRecord): RecordCounts => {
  switch (record.kind) {
    case 'secret':
      return { ...counts, secrets: counts.secrets + 1 };
    case 'invite':
      return { ...counts, invites: counts.invites + 1 };
    case 'account':
      return { ...counts, accounts: counts.accounts + 1 };
    case 'store-object':
      return { ...counts, storeObjects: counts.storeObjects + 1, storeObjectBytes: counts.storeObjectBytes + record.object.bytes };
    case 'blob':
      return { ...counts, blobs: counts.blobs + 1, blobBytes: counts.blobBytes + record.blob.ciphertext.length };
    case 'drop-token':
      return { ...counts, dropTokens: counts.dropTokens + 1 };
    case 'inbox-item':
      return {
        ...counts,
        inboxItems: counts.inboxItems + 1,
        inboxBytes: counts.inboxBytes + utf8ByteLength(record.item.envelope),
      };
    case 'inbox-sequence':
      return counts;
  }
};

export const holdsNothing = (counts: RecordCounts): boolean =>
  RECORD_COUNT_NAMES.every((name) => counts[name] === 0);

export interface ImportOptions {
  /**
   * Wipe whatever the target holds (sessions and captchas included) before writing. Without it an
   * import into a target that holds anything is refused.
   */
  readonly replaceExisting?: boolean;
}

export interface TargetNotEmpty {
  readonly code: 'dump/target-not-empty';
  /** What the target holds, so the operator can tell what they would lose. */
  readonly found: RecordCounts;
}

/**
 * Whole-storage export and import, for one-shot migrations between adapters while no server runs.
 *
 * Inbox items keep their `seq` (clients hold seqs as cursors) wherever the target can: memory and
 * MongoDB always; SQLite, whose seq is one key across all inboxes, unless another inbox already
 * took it (MongoDB counts seq per inbox). Renumbered items keep their inbox's order, and every seq
 * a target hands out after an import is above the source's `inbox-sequence`.
 */
export interface StorageDump {
  /**
   * Every record in DUMP_ORDER, each inbox's items in ascending seq. Adapters read in pages,
   * so a large inbox never has to fit in memory.
   */
  exportAll(): AsyncIterable<DumpRecord>;
  /**
   * Writes the records (in DUMP_ORDER) in batches and returns what it wrote. Refuses a target
   * that holds anything unless `replaceExisting`.
   */
  importAll(records: AsyncIterable<DumpRecord>, options?: ImportOptions): Promise<Result<RecordCounts, TargetNotEmpty>>;
  counts(): Promise<RecordCounts>;
}

/** A storage whose records can be dumped and loaded: every adapter (memory, SQLite, MongoDB). */
export interface DumpableStorage extends ServerStorage {
  readonly dump: StorageDump;
}
