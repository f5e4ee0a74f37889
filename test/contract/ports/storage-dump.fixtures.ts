import { Invite } from '../../../src/application/ports/invite-repository';
import { ServerStorage } from '../../../src/application/ports/server-storage';
import { DumpableStorage, DumpRecord, RecordCounts } from '../../../src/application/ports/storage-dump';
import { Account } from '../../../src/domain/home-server/account';
import { DroppedStats, InboxStats } from '../../../src/application/ports/inbox-repository';
import { UserBlob } from '../../../src/domain/home-server/user-blob';
import { DropToken } from '../../../src/domain/home-server/drop-token';
import { StoredInboxItem } from '../../../src/domain/home-server/inbox-item';
import { StoreObject, StoreObjectInfo, StoreUsage } from '../../../src/domain/home-server/store/store-object';
import {
  aCaptcha,
  aDrop,
  aDropToken,
  aFriendRequest,
  anObjectId,
  aSession,
  bytes,
  roomyQuotas,
  T0,
} from '../../support/storage-fixtures';
import { appended, givenAccount } from './storage-under-test';

/** Every adapter has a dump; a storage without one is a wiring bug. */
export const withDump = (storage: ServerStorage): DumpableStorage => {
  if (!('dump' in storage)) throw new Error('this storage has no records dump');
  return storage as DumpableStorage;
};

/** The server secrets a populated storage holds: the names the session signer and the keyring use. */
export const SECRET_NAMES = ['session-signing-key', 'server-keyring'] as const;

export const TOKEN_SECRET_HASHES = {
  bobFromAlice: 'b0'.repeat(32),
  bobFromCarol: 'b1'.repeat(32),
  aliceFromBob: 'a0'.repeat(32),
} as const;

const invite = (overrides: Partial<Invite> & Pick<Invite, 'id' | 'codeHash'>): Invite => ({
  createdAt: T0,
  expiresAt: null,
  redeemedAt: null,
  ...overrides,
});

/**
 * Fills a storage through its ordinary ports with a bit of everything a dump must carry:
 * several accounts (one with changed credentials, one disabled with an open inbox), blobs at
 * different versions (one empty, one larger), used and unused drop tokens, interleaved inboxes with
 * acknowledged items (so the highest seq ever handed out is above every stored one), non-ASCII
 * envelopes, secrets, invites (one redeemed) — and sessions and captchas, which a dump skips.
 */
export interface Populated {
  /** The seq each acknowledged item had: gone from the inbox, but a client may hold it as a cursor. */
  readonly acknowledgedSeqs: { readonly alice: number; readonly bob: number };
}

export const populate = async (storage: ServerStorage): Promise<Populated> => {
  for (const [index, name] of SECRET_NAMES.entries()) {
    await storage.secrets.getOrCreate(name, () => bytes(index + 1, 0xff, 0x00, 42));
  }
  await storage.invites.create(invite({ id: 'invite-open', codeHash: 'c1'.repeat(32), createdAt: T0 + 1, expiresAt: T0 + 10_000 }));
  await storage.invites.create(invite({ id: 'invite-used', codeHash: 'c2'.repeat(32) }));
  expect(await storage.invites.redeem('c2'.repeat(32), T0 + 5)).toBe(true);

  await givenAccount(storage, { name: 'alice', createdAt: T0 }, bytes(1, 2, 3));
  await givenAccount(storage, { name: 'bob', createdAt: T0 + 1, lastSeenAt: T0 + 50 }, new Uint8Array(0));
  await givenAccount(storage, { name: 'carol', createdAt: T0 + 2 }, bytes(9));
  await storage.accounts.setOpenInbox('carol', true);
  await storage.accounts.setDisabled('carol', true);
  await storage.accounts.touchLastSeen('alice', T0 + 99);
  const changed = await storage.accounts.changeCredentials({
    name: 'alice',
    authHash: 'scrypt$16384$8$1$bmV3$bmV3aGFzaA',
    kdf: { algorithm: 'argon2id', salt: 'BBBBBBBBBBBBBBBBBBBBBB', memoryKiB: 131072, iterations: 4, parallelism: 2 },
    expectedBlobVersion: 1,
    blobCiphertext: bytes(7, 7, 7),
    now: T0 + 100,
  });
  if (!changed.ok) throw new Error(`test setup: credential change failed with ${changed.error}`);
  const larger = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31 + 7) & 0xff);
  for (const [version, ciphertext] of [[1, bytes(5)], [2, larger]] as const) {
    const saved = await storage.blobs.save('bob', ciphertext, version, T0 + 200 + version);
    if (!saved.ok) throw new Error('test setup: blob save failed');
  }

  const fromAlice = aDropToken('bob', { id: 'token-bob-alice', hash: TOKEN_SECRET_HASHES.bobFromAlice, createdAt: T0 + 10 });
  const fromCarol = aDropToken('bob', { id: 'token-bob-carol', hash: TOKEN_SECRET_HASHES.bobFromCarol, createdAt: T0 + 11 });
  const fromBob = aDropToken('alice', { id: 'token-alice-bob', hash: TOKEN_SECRET_HASHES.aliceFromBob, createdAt: T0 + 12 });
  for (const token of [fromAlice, fromCarol, fromBob]) await storage.dropTokens.create(token);
  await storage.dropTokens.recordUse(fromAlice.id, T0 + 300);
  await storage.dropTokens.recordUse(fromAlice.id, T0 + 301);

  // Interleaved so seqs of different inboxes alternate; acknowledged items leave gaps and a high-water mark.
  const [doomed] = await appended(storage, aFriendRequest('bob', { id: 'fr-1', receivedAt: T0 + 400 }));
  await appended(
    storage,
    aDrop('bob', { id: 'drop-1', tokenId: fromAlice.id, receivedAt: T0 + 401, envelope: '{"v":1,"ct":"ünïcødé ✓ 🚀"}' }),
    aDrop('alice', { id: 'drop-2', tokenId: fromBob.id, receivedAt: T0 + 402 }),
    aFriendRequest('carol', { id: 'fr-2', receivedAt: T0 + 403 }),
    aDrop('bob', { id: 'drop-3', tokenId: null, receivedAt: T0 + 404 }),
    aDrop('bob', { id: 'drop-4', tokenId: fromCarol.id, receivedAt: T0 + 405 }),
    aDrop('bob', { id: 'drop-5', tokenId: fromAlice.id, receivedAt: T0 + 406 }),
  );
  const [newest] = await appended(storage, aDrop('alice', { id: 'drop-6', receivedAt: T0 + 407 }));
  expect(await storage.inbox.ack('bob', [doomed!.id])).toBe(1);
  expect(await storage.inbox.ack('alice', [newest!.id])).toBe(1);

  // Store objects: alice's staged and committed, bob's committed one of 70 kB.
  const stage = async (owner: string, n: number, data: Uint8Array): Promise<void> => {
    const put = await storage.objects.put({ owner, id: anObjectId(n), data, createdAt: T0 + 500 + n }, 1 << 30);
    if (!put.ok) throw new Error(`test setup: object put failed with ${put.error}`);
  };
  await stage('alice', 1, bytes(1, 1));
  await stage('alice', 2, bytes(2, 2, 2));
  await stage('bob', 3, larger);
  const aliceHead = await storage.blobs.find('alice');
  const bobHead = await storage.blobs.find('bob');
  // Dropped objects (§9.2) in bob's inbox through carol's token: one he claims with his commit, one still waiting.
  for (const [n, data] of [[4, bytes(4, 4, 4, 4)], [5, bytes(5, 5)]] as const) {
    const dropped = await storage.inbox.dropObject({ owner: 'bob', id: anObjectId(n), tokenId: fromCarol.id, data, receivedAt: T0 + 450 + n }, roomyQuotas());
    if (!dropped.ok) throw new Error(`test setup: object drop failed with ${dropped.error}`);
  }
  const commit = (id: number, claim: string[] = []) => ({ changes: { commit: [anObjectId(id)], release: [], claim }, storeBytes: 1 << 30 });
  if (!(await storage.blobs.save('alice', aliceHead!.ciphertext, aliceHead!.version, T0 + 600, commit(2))).ok) throw new Error('test setup: commit failed');
  if (!(await storage.blobs.save('bob', bobHead!.ciphertext, bobHead!.version, T0 + 600, commit(3, [anObjectId(5)]))).ok) throw new Error('test setup: commit failed');

  await storage.sessions.create(aSession('alice', { jti: 'session-of-alice' }));
  await storage.captchas.save(aCaptcha('dave', { id: 'captcha-of-dave' }));
  return { acknowledgedSeqs: { alice: newest!.seq, bob: doomed!.seq } };
};

export interface InboxView {
  readonly everything: StoredInboxItem[];
  /** Pages of two, following nextAfterSeq: the cursors a client would see. */
  readonly pages: { ids: string[]; next: number | null }[];
  readonly stats: InboxStats;
  readonly dropped: DroppedStats;
}

export interface Observation {
  readonly accounts: Account[];
  readonly found: (Account | null)[];
  readonly blobs: (UserBlob | null)[];
  readonly tokens: DropToken[][];
  readonly tokensByHash: (DropToken | null)[];
  readonly inboxes: InboxView[];
  readonly secrets: Uint8Array[];
  readonly invites: Invite[];
  /** Per account: its store objects (bytes included) and the store's running totals. */
  readonly stores: { objects: (StoreObject | null)[]; listed: StoreObjectInfo[]; usage: StoreUsage }[];
}

const viewInbox = async (storage: ServerStorage, owner: string): Promise<InboxView> => {
  const pages: InboxView['pages'] = [];
  let after = 0;
  for (;;) {
    const page = await storage.inbox.list(owner, after, 2);
    pages.push({ ids: page.items.map((item) => item.id), next: page.nextAfterSeq });
    if (page.nextAfterSeq === null) break;
    after = page.nextAfterSeq;
  }
  return {
    everything: (await storage.inbox.list(owner, 0, 10_000)).items,
    pages,
    stats: await storage.inbox.stats(owner),
    dropped: await storage.inbox.droppedStats(owner),
  };
};

/** Everything the storage ports answer about a populated storage, read only through the ports. */
export const observe = async (storage: ServerStorage): Promise<Observation> => {
  const accounts = await storage.accounts.list();
  const names = accounts.map((account) => account.name);
  const each = <T>(read: (name: string) => Promise<T>): Promise<T[]> => Promise.all(names.map(read));
  const tokens = await each((name) => storage.dropTokens.list(name));
  return {
    accounts,
    found: await each((name) => storage.accounts.find(name)),
    blobs: await each((name) => storage.blobs.find(name)),
    tokens,
    tokensByHash: await Promise.all(
      tokens.flat().flatMap((token) => [
        storage.dropTokens.findByHash(token.owner, token.hash),
        // Another owner's token never answers.
        storage.dropTokens.findByHash(token.owner === 'alice' ? 'bob' : 'alice', token.hash),
      ]),
    ),
    inboxes: await Promise.all(names.map((name) => viewInbox(storage, name))),
    secrets: await Promise.all(
      SECRET_NAMES.map((name) =>
        storage.secrets.getOrCreate(name, () => {
          throw new Error(`secret ${name} is missing`);
        }),
      ),
    ),
    invites: await storage.invites.list(),
    stores: await each(async (name) => {
      const listed = (await storage.objects.list(name, { state: null, afterId: '', limit: 1000 })).items;
      return {
        listed,
        objects: await Promise.all(listed.map((info) => storage.objects.get(name, info.id))),
        usage: await storage.objects.usage(name),
      };
    }),
  };
};

/** The counts a storage showing this observation must report, worked out independently of the adapters. */
export const countsSeenIn = (observation: Observation): RecordCounts => {
  const items = observation.inboxes.flatMap((inbox) => inbox.everything);
  const blobs = observation.blobs.filter((blob): blob is UserBlob => blob !== null);
  const dropped = observation.inboxes.reduce(
    (sum, inbox) => ({ objects: sum.objects + inbox.dropped.objects, bytes: sum.bytes + inbox.dropped.bytes }),
    { objects: 0, bytes: 0 },
  );
  return {
    accounts: observation.accounts.length,
    blobs: blobs.length,
    blobBytes: blobs.reduce((sum, blob) => sum + blob.ciphertext.length, 0),
    dropTokens: observation.tokens.flat().length,
    inboxItems: items.length,
    inboxBytes: items.reduce((sum, item) => sum + Buffer.byteLength(item.envelope, 'utf8'), 0),
    secrets: observation.secrets.length,
    invites: observation.invites.length,
    // Store objects in every state: the stores' and the dropped ones waiting in the inboxes.
    storeObjects: observation.stores.reduce((sum, store) => sum + store.listed.length, 0) + dropped.objects,
    storeObjectBytes: observation.stores.reduce((sum, store) => sum + store.usage.bytes, 0) + dropped.bytes,
  };
};

/** Every record of an export, for tests that look at the stream itself. */
export const collect = async (records: AsyncIterable<DumpRecord>): Promise<DumpRecord[]> => {
  const all: DumpRecord[] = [];
  for await (const record of records) all.push(record);
  return all;
};

export async function* streamOf(records: readonly DumpRecord[]): AsyncIterable<DumpRecord> {
  yield* records;
}
