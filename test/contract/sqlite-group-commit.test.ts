import { aDrop, roomyQuotas } from '../support/storage-fixtures';
import { useAlicesSqliteFile } from './alices-sqlite-file';
import { times } from './ports/storage-under-test';

/*
 * Group commit in the SQLite inbox: concurrent drops share one transaction (one fsync), each is
 * answered only once the commit holding it is done, and a drop that fails does so alone. The
 * quota rules themselves are the contract suite's (inbox-quota-model), run on this adapter too.
 */

describe('SQLite inbox group commit', () => {
  const sqlite = useAlicesSqliteFile('starbase-group-commit-');
  const { walFrames, emptyTheWal } = sqlite;
  const committedIds = () => sqlite.committedIds("SELECT id FROM inbox_items WHERE owner = 'alice' ORDER BY seq");

  it('commits 50 concurrent drops in fewer commits than drops', async () => {
    emptyTheWal();
    expect(walFrames()).toBe(0);

    const results = await Promise.all(times(50, () => sqlite.storage.inbox.append(aDrop('alice'), roomyQuotas())));

    expect(results.every((result) => result.ok)).toBe(true);
    // One commit per drop writes at least 50 frames (each touches the item, its indexes and the usage row).
    expect(walFrames()).toBeLessThan(50);
  });

  it('answers each drop only once it is committed', async () => {
    const drops = times(20, () => aDrop('alice'));
    const visibleWhenAnswered = await Promise.all(
      drops.map((drop) => sqlite.storage.inbox.append(drop, roomyQuotas()).then(() => committedIds().includes(drop.id))),
    );
    expect(visibleWhenAnswered).toEqual(times(20, () => true));
  });

  it('fails a drop that cannot be stored alone, and commits the rest of its batch', async () => {
    const drops = times(10, () => aDrop('alice'));
    // The same id twice in one inbox breaks a uniqueness constraint: the store throws for the second.
    const clash = aDrop('alice', { id: drops[3]!.id });

    const settled = await Promise.allSettled([...drops, clash].map((drop) => sqlite.storage.inbox.append(drop, roomyQuotas())));

    expect(settled.slice(0, 10).map((outcome) => outcome.status)).toEqual(times(10, () => 'fulfilled'));
    expect(settled[10]).toEqual({ status: 'rejected', reason: expect.objectContaining({ code: 'SQLITE_CONSTRAINT_UNIQUE' }) });
    expect(committedIds()).toEqual(drops.map((drop) => drop.id));
    expect(await sqlite.storage.inbox.stats('alice')).toEqual({ items: 10, bytes: 10 * drops[0]!.envelope.length });
  });

  it('keeps quotas exact inside one batch', async () => {
    const results = await Promise.all(times(30, () => sqlite.storage.inbox.append(aDrop('alice'), roomyQuotas({ maxItems: 7 }))));
    expect(results.filter((result) => result.ok)).toHaveLength(7);
    expect(results.filter((result) => !result.ok && result.error === 'inbox/full')).toHaveLength(23);
    expect(committedIds()).toHaveLength(7);
  });

  it('commits drops still waiting for their batch when the storage closes', async () => {
    const drop = aDrop('alice');
    const appended = sqlite.storage.inbox.append(drop, roomyQuotas());
    await sqlite.storage.close();
    expect((await appended).ok).toBe(true);
    expect(committedIds()).toEqual([drop.id]);
  });
});
