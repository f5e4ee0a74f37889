import { InviteRepository } from '../../../application/ports/invite-repository';
import {
  countRecord,
  ImportOptions,
  NO_RECORDS,
  RecordCounts,
  DumpRecord,
  StorageDump,
  TargetNotEmpty,
} from '../../../application/ports/storage-dump';
import { importRecords, RecordWriter } from '../records-import';
import { StoredInboxItem } from '../../../domain/home-server/inbox-item';
import { Result } from '../../../domain/protocol/result';
import { MemoryInbox } from './memory-inbox';
import { copyAccount, copyBlob, copyBytes, MemoryState } from './memory-state';

const byKey = <T>(key: (value: T) => string) => (a: T, b: T): number => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/** Invites live in their repository rather than in MemoryState, so they go through its port. */
export class MemoryStorageDump implements StorageDump {
  constructor(
    private readonly state: MemoryState,
    private readonly invites: InviteRepository,
  ) {}

  async *exportAll(): AsyncIterable<DumpRecord> {
    const { state } = this;
    const secrets = [...state.secrets].sort(byKey(([name]) => name));
    for (const [name, value] of secrets) yield { kind: 'secret', name, value: copyBytes(value) };
    for (const invite of await this.invites.list()) yield { kind: 'invite', invite };
    const accounts = [...state.accounts.values()].sort(byKey((account) => account.name));
    for (const account of accounts) yield { kind: 'account', account: copyAccount(account) };
    const objects = [...state.objects.values()].flatMap((shelf) => [...shelf.all()]).sort(byKey((object) => `${object.owner}/${object.id}`));
    for (const object of objects) yield { kind: 'store-object', object: { ...object, data: copyBytes(object.data) } };
    const blobs = [...state.blobs.values()].sort(byKey((blob) => blob.name));
    for (const blob of blobs) yield { kind: 'blob', blob: copyBlob(blob) };
    const tokens = [...state.dropTokens.values()].sort(byKey((token) => token.id));
    for (const token of tokens) yield { kind: 'drop-token', token: { ...token } };
    // Ascending seq across all inboxes: each inbox stays in order, and seqs unique across inboxes
    // (as this adapter hands them out) survive an import into SQLite unchanged.
    const items = [...state.inboxes.values()].flatMap((inbox) => inbox.items).sort((a, b) => a.seq - b.seq || (a.owner < b.owner ? -1 : 1));
    for (const item of items) yield { kind: 'inbox-item', item: { ...item } };
    yield { kind: 'inbox-sequence', lastSeq: state.lastIssuedSeq() };
  }

  importAll(records: AsyncIterable<DumpRecord>, options?: ImportOptions): Promise<Result<RecordCounts, TargetNotEmpty>> {
    const writer: RecordWriter = {
      counts: () => this.counts(),
      clear: () => this.clear(),
      write: async (record) => {
        if (record.kind === 'invite') await this.invites.create(record.invite);
        else this.write(record);
      },
      finish: async () => undefined,
    };
    return importRecords(writer, records, options);
  }

  async counts(): Promise<RecordCounts> {
    let counts = NO_RECORDS;
    for (const [name, value] of this.state.secrets) counts = countRecord(counts, { kind: 'secret', name, value });
    for (const invite of await this.invites.list()) counts = countRecord(counts, { kind: 'invite', invite });
    for (const account of this.state.accounts.values()) counts = countRecord(counts, { kind: 'account', account });
    for (const blob of this.state.blobs.values()) counts = countRecord(counts, { kind: 'blob', blob });
    for (const shelf of this.state.objects.values()) {
      for (const object of shelf.all()) counts = countRecord(counts, { kind: 'store-object', object });
    }
    for (const token of this.state.dropTokens.values()) counts = countRecord(counts, { kind: 'drop-token', token });
    for (const inbox of this.state.inboxes.values()) {
      for (const item of inbox.items) counts = countRecord(counts, { kind: 'inbox-item', item });
    }
    return counts;
  }

  private write(record: Exclude<DumpRecord, { kind: 'invite' }>): void {
    const { state } = this;
    switch (record.kind) {
      case 'secret':
        state.secrets.set(record.name, copyBytes(record.value));
        return;
      case 'account':
        state.accounts.set(record.account.name, copyAccount(record.account));
        return;
      case 'store-object':
        state.shelfOf(record.object.owner).add({ ...record.object, data: copyBytes(record.object.data) });
        return;
      case 'blob':
        state.blobs.set(record.blob.name, copyBlob(record.blob));
        return;
      case 'drop-token':
        state.dropTokens.set(record.token.id, { ...record.token });
        return;
      case 'inbox-item':
        this.appendInOrder(record.item);
        return;
      case 'inbox-sequence':
        state.skipSeqsThrough(record.lastSeq);
        return;
    }
  }

  /** Seqs are kept as they are: this adapter only needs them ascending per inbox, which the guard checked. */
  private appendInOrder(item: StoredInboxItem): void {
    const inbox = this.state.inboxes.get(item.owner) ?? new MemoryInbox();
    inbox.push({ ...item });
    this.state.inboxes.set(item.owner, inbox);
    this.state.skipSeqsThrough(item.seq);
  }

  private async clear(): Promise<void> {
    for (const invite of await this.invites.list()) await this.invites.delete(invite.id);
    this.state.clear();
  }
}
