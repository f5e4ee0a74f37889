import { roomyQuotas } from '../../support/storage-fixtures';
import { createMemoryStorage } from '../../../src/adapters/storage/memory/memory-storage';
import { DUMP_ORDER, DumpableStorage, DumpRecord, NO_RECORDS } from '../../../src/application/ports/storage-dump';
import { aDrop, aNewAccount, bytes, T0 } from '../../support/storage-fixtures';
import {
  collect,
  countsSeenIn,
  observe,
  populate,
  streamOf,
  withDump,
} from './storage-dump.fixtures';
import { appended, givenAccount, OpenedStorage, OpenStorage } from './storage-under-test';

const lastSeqOf = (records: readonly DumpRecord[]): number => {
  const sequence = records.find((record) => record.kind === 'inbox-sequence');
  if (sequence?.kind !== 'inbox-sequence') throw new Error('the export has no inbox-sequence record');
  return sequence.lastSeq;
};

export const storageDumpContract = (open: OpenStorage): void => {
  describe('StorageDump', () => {
    const opened: OpenedStorage[] = [];
    const fresh = async (): Promise<DumpableStorage> => {
      const storage = await open();
      opened.push(storage);
      return withDump(storage.storage);
    };
    afterEach(async () => {
      for (const storage of opened.splice(0)) await storage.cleanup();
    });

    /** Populated through the ports, copied into memory (another adapter), then into a fresh storage of this kind. */
    const roundTrip = async (): Promise<{ source: DumpableStorage; viaMemory: DumpableStorage; back: DumpableStorage }> => {
      const source = await fresh();
      await populate(source);
      const viaMemory = createMemoryStorage();
      expect((await viaMemory.dump.importAll(source.dump.exportAll())).ok).toBe(true);
      const back = await fresh();
      expect((await back.dump.importAll(viaMemory.dump.exportAll())).ok).toBe(true);
      return { source, viaMemory, back };
    };

    it('counts what the ports show, sessions and captchas aside', async () => {
      const storage = await fresh();
      expect(await storage.dump.counts()).toEqual(NO_RECORDS);
      await populate(storage);
      expect(await storage.dump.counts()).toEqual(countsSeenIn(await observe(storage)));
    });

    it('exports every kind of record in dump order, each inbox in ascending seq, the sequence last', async () => {
      const storage = await fresh();
      const { acknowledgedSeqs } = await populate(storage);
      const records = await collect(storage.dump.exportAll());

      const positions = records.map((record) => DUMP_ORDER.indexOf(record.kind));
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(new Set(records.map((record) => record.kind))).toEqual(new Set(DUMP_ORDER));
      expect(records[records.length - 1]?.kind).toBe('inbox-sequence');
      const items = records.flatMap((record) => (record.kind === 'inbox-item' ? [record.item] : []));
      for (const owner of ['alice', 'bob', 'carol']) {
        const seqs = items.filter((item) => item.owner === owner).map((item) => item.seq);
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      }
      // Acknowledged items are gone, but not forgotten: clients may hold their seqs as cursors.
      expect(lastSeqOf(records)).toBeGreaterThanOrEqual(Math.max(...items.map((item) => item.seq)));
      expect(lastSeqOf(records)).toBeGreaterThanOrEqual(Math.max(acknowledgedSeqs.alice, acknowledgedSeqs.bob));
    });

    it('exports an empty storage as the sequence alone', async () => {
      const storage = await fresh();
      expect(await collect(storage.dump.exportAll())).toEqual([{ kind: 'inbox-sequence', lastSeq: 0 }]);
    });

    it('round-trips through memory and back with every port answering the same', async () => {
      const { source, viaMemory, back } = await roundTrip();
      const seen = await observe(source);

      expect(await observe(viaMemory)).toEqual(seen);
      expect(await observe(back)).toEqual(seen);
      expect(await back.dump.counts()).toEqual(await source.dump.counts());
      expect(await back.dump.counts()).toEqual(countsSeenIn(seen));
    });

    it('leaves sessions and captchas behind: users log in again after a migration', async () => {
      const { source, back } = await roundTrip();
      expect(await source.sessions.findActive('session-of-alice', T0)).not.toBeNull();
      expect(await back.sessions.findActive('session-of-alice', T0)).toBeNull();
      expect(await back.captchas.find('captcha-of-dave')).toBeNull();
    });

    it('keeps working after an import: versions, token uses, names, invites, and seqs above all the source handed out', async () => {
      const { source, back } = await roundTrip();
      const sourceLastSeq = lastSeqOf(await collect(source.dump.exportAll()));

      expect(await back.blobs.save('bob', bytes(4), 4, T0 + 900)).toEqual({ ok: true, value: { version: 5 } });
      expect(await back.blobs.save('alice', bytes(4), 1, T0 + 900)).toEqual({
        ok: false,
        error: { code: 'blob/version-conflict', currentVersion: 3 },
      });
      // The store's totals came along: bob's committed 70 kB object and the 2 bytes he claimed still count against his quota,
      // and the object still waiting in his inbox against his inbox's (until he claims it).
      expect(await back.objects.usage('bob')).toEqual({ objects: 2, bytes: 70_002 });
      expect(await back.inbox.droppedStats('bob')).toEqual({ objects: 1, bytes: 4 });
      expect(await back.objects.put({ owner: 'bob', id: 'another-object-id-0001', data: bytes(1), createdAt: T0 }, 70_002 + 1)).toEqual({
        ok: false,
        error: 'store/full',
      });
      await back.dropTokens.recordUse('token-bob-alice', T0 + 901);
      expect((await back.dropTokens.findByHash('bob', 'b0'.repeat(32)))?.uses).toBe(3);
      expect(await back.accounts.create(aNewAccount({ name: 'alice' }))).toEqual({ ok: false, error: 'account/name-taken' });
      expect(await back.invites.redeem('c1'.repeat(32), T0 + 902)).toBe(true);
      expect(await back.invites.redeem('c2'.repeat(32), T0 + 902)).toBe(false);

      for (const [index, owner] of ['alice', 'bob', 'carol', 'alice'].entries()) {
        const appended = await back.inbox.append(
          { id: `after-import-${index}`, owner, kind: 'drop', tokenId: null, receivedAt: T0 + 903, envelope: '{}' },
          roomyQuotas({ maxItems: 100, maxBytes: 100_000, maxItemsPerToken: 100, maxFriendRequests: 100 }),
        );
        if (!appended.ok) throw new Error(`append after import failed: ${appended.error}`);
        expect(appended.value.seq).toBeGreaterThan(sourceLastSeq);
        const listed = (await back.inbox.list(owner, 0, 100)).items;
        expect(listed[listed.length - 1]?.id).toBe(appended.value.id);
      }
    });

    it('refuses to import into a storage that holds anything, and writes nothing', async () => {
      const source = await fresh();
      await populate(source);
      const target = await fresh();
      await target.secrets.getOrCreate('session-signing-key', () => bytes(1));

      const imported = await target.dump.importAll(source.dump.exportAll());

      expect(imported).toEqual({ ok: false, error: { code: 'dump/target-not-empty', found: { ...NO_RECORDS, secrets: 1 } } });
      expect(await target.dump.counts()).toEqual({ ...NO_RECORDS, secrets: 1 });
    });

    it('replaces what the target holds when asked to', async () => {
      const source = await fresh();
      await populate(source);
      const target = await fresh();
      await target.secrets.getOrCreate('session-signing-key', () => bytes(1));
      await target.accounts.create(aNewAccount({ name: 'zed' }));

      const imported = await target.dump.importAll(source.dump.exportAll(), { replaceExisting: true });

      expect(imported).toEqual({ ok: true, value: await source.dump.counts() });
      expect(await observe(target)).toEqual(await observe(source));
      expect(await target.accounts.find('zed')).toBeNull();
    });

    it('moves the listing version of an inbox an import replaced, so a page kept before it is not served after it', async () => {
      // The same owner with the same seqs in both: only the contents differ, as with a backup of another day.
      const [target, source] = [await fresh(), await fresh()];
      for (const [storage, envelope] of [
        [target, '{"v":1,"ct":"what the server held"}'],
        [source, '{"v":1,"ct":"what the backup holds"}'],
      ] as const) {
        await givenAccount(storage, { name: 'bob' });
        await appended(storage, aDrop('bob', { envelope }));
      }
      const before = await target.inbox.listingVersion('bob');

      expect((await target.dump.importAll(source.dump.exportAll(), { replaceExisting: true })).ok).toBe(true);

      const [item] = (await target.inbox.list('bob', 0, 10)).items;
      expect(item?.envelope).toBe('{"v":1,"ct":"what the backup holds"}');
      const after = await target.inbox.listingVersion('bob');
      if (before !== null) expect(after).not.toBe(before);
    });

    it('throws on records out of dump order, before writing them', async () => {
      const target = await fresh();
      const { account } = aNewAccount({ name: 'alice' });
      const blobFirst: DumpRecord[] = [
        { kind: 'blob', blob: { name: 'alice', version: 1, ciphertext: bytes(1), updatedAt: T0 } },
        { kind: 'account', account },
      ];
      await expect(target.dump.importAll(streamOf(blobFirst))).rejects.toThrow(/without \(or before\) its account/);
      expect(await target.dump.counts()).toEqual(NO_RECORDS);
    });
  });
};
