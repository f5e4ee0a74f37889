import { createMemoryStorage } from '../../../../src/adapters/storage/memory/memory-storage';
import {
  ImportOptions,
  NO_RECORDS,
  DumpRecord,
  StorageDump,
} from '../../../../src/application/ports/storage-dump';
import {
  formatMigrationReport,
  migrateStorage,
  MigrationProgress,
} from '../../../../src/application/server/migrate-storage';
import { countsSeenIn, observe, populate } from '../../../contract/ports/storage-dump.fixtures';
import { bytes } from '../../../support/storage-fixtures';
import { useTempSqlite } from './use-temp-sqlite';

async function* withoutFirst(records: AsyncIterable<DumpRecord>, kind: DumpRecord['kind']): AsyncIterable<DumpRecord> {
  let skipped = false;
  for await (const record of records) {
    if (!skipped && record.kind === kind) {
      skipped = true;
      continue;
    }
    yield record;
  }
}

/** A target that quietly loses the first record of one kind: what verification exists to catch. */
const losingFirst = (target: StorageDump, kind: DumpRecord['kind']): StorageDump => ({
  exportAll: () => target.exportAll(),
  counts: () => target.counts(),
  importAll: (records: AsyncIterable<DumpRecord>, options?: ImportOptions) => target.importAll(withoutFirst(records, kind), options),
});

/** A source whose export misses the first record of one kind, as if it changed while being read. */
const exportingWithout = (source: StorageDump, kind: DumpRecord['kind']): StorageDump => ({
  exportAll: () => withoutFirst(source.exportAll(), kind),
  counts: () => source.counts(),
  importAll: (records, options) => source.importAll(records, options),
});

describe('migrateStorage', () => {
  const openSqlite = useTempSqlite('starbase-migration-');

  it('maps SQLite → memory → SQLite with every port answering the same, seqs and cursors included', async () => {
    const source = openSqlite('source');
    await populate(source);
    const memory = createMemoryStorage();
    const back = openSqlite('back');

    const there = await migrateStorage(source.dump, memory.dump);
    const again = await migrateStorage(memory.dump, back.dump);

    const seen = await observe(source);
    expect(await observe(memory)).toEqual(seen);
    expect(await observe(back)).toEqual(seen);
    const expected = countsSeenIn(seen);
    expect(there).toEqual({ ok: true, value: { source: expected, copied: expected, target: expected } });
    expect(again).toEqual({ ok: true, value: { source: expected, copied: expected, target: expected } });
  });

  it('maps memory → SQLite the same way', async () => {
    const source = createMemoryStorage();
    await populate(source);
    const target = openSqlite('target');

    expect((await migrateStorage(source.dump, target.dump)).ok).toBe(true);
    expect(await observe(target)).toEqual(await observe(source));
  });

  it('refuses a target that holds anything and leaves it as it was', async () => {
    const source = openSqlite('source');
    await populate(source);
    const target = openSqlite('target');
    await target.secrets.getOrCreate('session-signing-key', () => bytes(1, 2));

    expect(await migrateStorage(source.dump, target.dump)).toEqual({
      ok: false,
      error: { code: 'migration/target-not-empty', found: { ...NO_RECORDS, secrets: 1 } },
    });
    expect(await target.dump.counts()).toEqual({ ...NO_RECORDS, secrets: 1 });
    expect(await target.secrets.getOrCreate('session-signing-key', () => bytes(9))).toEqual(bytes(1, 2));
  });

  it('replaces what the target holds when asked to', async () => {
    const source = openSqlite('source');
    await populate(source);
    const target = openSqlite('target');
    await target.secrets.getOrCreate('session-signing-key', () => bytes(1, 2));

    expect((await migrateStorage(source.dump, target.dump, { replaceExisting: true })).ok).toBe(true);
    expect(await observe(target)).toEqual(await observe(source));
  });

  it('reports a target that lost an inbox item as a count mismatch, naming items and bytes', async () => {
    const source = openSqlite('source');
    await populate(source);
    const target = createMemoryStorage();

    const migrated = await migrateStorage(source.dump, losingFirst(target.dump, 'inbox-item'));

    if (migrated.ok) throw new Error('a lost inbox item went unnoticed');
    if (migrated.error.code !== 'migration/counts-mismatch') throw new Error(`unexpected ${migrated.error.code}`);
    const { mismatches, report } = migrated.error;
    expect(mismatches.map((mismatch) => mismatch.name)).toEqual(['inboxItems', 'inboxBytes']);
    expect(mismatches[0]).toEqual({ name: 'inboxItems', source: 6, copied: 6, target: 5 });
    expect(formatMigrationReport(report).filter((line) => line.endsWith('MISMATCH'))).toHaveLength(2);
  });

  it('reports a mismatch when what was read differs from what the source holds (it changed meanwhile)', async () => {
    const source = openSqlite('source');
    await populate(source);
    const target = createMemoryStorage();

    const migrated = await migrateStorage(exportingWithout(source.dump, 'drop-token'), target.dump);

    expect(migrated.ok).toBe(false);
    expect(!migrated.ok && migrated.error.code === 'migration/counts-mismatch' && migrated.error.mismatches).toEqual([
      { name: 'dropTokens', source: 3, copied: 2, target: 2 },
    ]);
  });

  it('reports progress as it copies, ending with everything copied', async () => {
    const source = createMemoryStorage();
    await populate(source);
    const reports: MigrationProgress[] = [];

    const migrated = await migrateStorage(source.dump, createMemoryStorage().dump, {
      progressEvery: 4,
      onProgress: (progress) => reports.push(progress),
    });

    if (!migrated.ok) throw new Error(`migration failed: ${migrated.error.code}`);
    const last = reports[reports.length - 1];
    expect(last).toEqual({ copied: migrated.value.copied, done: true });
    expect(reports.slice(0, -1).every((report) => !report.done)).toBe(true);
    // 2 secrets + 2 invites + 3 accounts + 5 store objects + 3 blobs + 3 tokens + 6 items + the sequence = 25 records.
    expect(reports).toHaveLength(6 + 1);
    const accountsSoFar = reports.map((report) => report.copied.accounts);
    expect(accountsSoFar).toEqual([...accountsSoFar].sort((a, b) => a - b));
  });

  it('prints one line per count, all ok after a clean copy', async () => {
    const source = createMemoryStorage();
    await populate(source);
    const migrated = await migrateStorage(source.dump, createMemoryStorage().dump);
    if (!migrated.ok) throw new Error(`migration failed: ${migrated.error.code}`);

    const lines = formatMigrationReport(migrated.value);

    expect(lines[0]).toMatch(/^what\s+source\s+copied\s+target$/);
    expect(lines.slice(1).map((line) => line.split(/\s+/)[0])).toEqual([
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
    ]);
    expect(lines.slice(1).every((line) => line.endsWith('  ok'))).toBe(true);
    expect(lines[1]).toMatch(/^accounts\s+3\s+3\s+3\s+ok$/);
  });
});
