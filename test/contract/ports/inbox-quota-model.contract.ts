import fc from 'fast-check';
import { ServerStorage } from '../../../src/application/ports/server-storage';
import { InboxItem } from '../../../src/domain/home-server/inbox-item';
import { InboxQuotas } from '../../../src/domain/home-server/inbox-quota';
import { aDrop, aFriendRequest, T0 } from '../../support/storage-fixtures';
import { givenAccount, OpenStorage } from './storage-under-test';

/*
 * Random sequences of appends, object drops (§9.2), claims, acknowledgements (discarding objects
 * too), retention purges and account deletions against a model that
 * recomputes every quota from the items themselves: adapters that keep running totals must agree
 * with it after any history, including evictions, refusals and a deleted and re-created owner.
 * Each drop token holds a share in items and bytes and is refused beyond it; friend requests and
 * open-inbox drops are queues with their own share that evict their oldest to make room.
 */

const QUOTAS: InboxQuotas = {
  maxItems: 6,
  maxBytes: 60,
  maxItemsPerToken: 3,
  maxBytesPerToken: 24,
  maxOpenInboxItems: 2,
  maxOpenInboxBytes: 16,
  maxFriendRequests: 2,
};
const OWNER = 'bob';
const BYSTANDER = 'alice';

interface ModelItem {
  readonly id: string;
  readonly kind: InboxItem['kind'];
  readonly tokenId: string | null;
  readonly bytes: number;
  readonly receivedAt: number;
  /** A dropped object: weighs on its token's share like an item, but is claimed or discarded, never listed. */
  readonly object?: true;
}

type Step =
  | { readonly op: 'append'; readonly owner: string; readonly kind: InboxItem['kind']; readonly tokenId: string | null; readonly envelope: string; readonly age: number }
  | { readonly op: 'drop-object'; readonly owner: string; readonly tokenId: string; readonly bytes: number; readonly age: number }
  | { readonly op: 'claim'; readonly picks: readonly number[] }
  | { readonly op: 'ack'; readonly picks: readonly number[]; readonly objectPicks: readonly number[] }
  | { readonly op: 'purge'; readonly cut: number }
  | { readonly op: 'recreate-owner' };

const envelope = fc
  .array(fc.constantFrom('a', 'é', '€', '😀'), { minLength: 1, maxLength: 8 })
  .map((parts) => parts.join(''));

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('append' as const), owner: fc.constantFrom(OWNER, OWNER, BYSTANDER), kind: fc.constantFrom<InboxItem['kind']>('drop', 'drop', 'friend-request'), tokenId: fc.constantFrom<string | null>('t1', 't2', null, null), envelope, age: fc.nat({ max: 3 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('drop-object' as const), owner: fc.constantFrom(OWNER, OWNER, BYSTANDER), tokenId: fc.constantFrom('t1', 't2'), bytes: fc.nat({ max: 12 }), age: fc.nat({ max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('claim' as const), picks: fc.array(fc.nat(), { minLength: 1, maxLength: 2 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('ack' as const), picks: fc.array(fc.nat(), { maxLength: 3 }), objectPicks: fc.array(fc.nat(), { maxLength: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('purge' as const), cut: fc.nat({ max: 4 }) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'recreate-owner' as const }) },
);

const utf8Bytes = (text: string): number => new TextEncoder().encode(text).length;

/** Which share an item counts against: its drop token's, the open inbox's or the friend requests'. */
const shareOf = (item: ModelItem): string => (item.kind === 'friend-request' ? 'friend-requests' : (item.tokenId ?? 'open-inbox'));

const capOf = (share: string): { items: number; bytes: number; evicts: boolean } => {
  if (share === 'friend-requests') return { items: QUOTAS.maxFriendRequests, bytes: Infinity, evicts: true };
  if (share === 'open-inbox') return { items: QUOTAS.maxOpenInboxItems, bytes: QUOTAS.maxOpenInboxBytes, evicts: true };
  return { items: QUOTAS.maxItemsPerToken, bytes: QUOTAS.maxBytesPerToken, evicts: false };
};

const sum = (items: readonly ModelItem[]): number => items.reduce((total, item) => total + item.bytes, 0);

/** The PROTOCOL quota rules (§5, §10), recomputed from scratch: what the adapter's answer must be. */
const modelAppend = (items: ModelItem[], item: ModelItem): { accepted: boolean; items: ModelItem[] } => {
  const cap = capOf(shareOf(item));
  const sameShare = items.filter((stored) => shareOf(stored) === shareOf(item));
  let kept = sameShare;
  while (cap.evicts && kept.length > 0 && (kept.length + 1 > cap.items || sum(kept) + item.bytes > cap.bytes)) kept = kept.slice(1);
  const remaining = items.filter((stored) => shareOf(stored) !== shareOf(item) || kept.includes(stored));
  const fits =
    remaining.length + 1 <= QUOTAS.maxItems &&
    sum(remaining) + item.bytes <= QUOTAS.maxBytes &&
    kept.length + 1 <= cap.items &&
    sum(kept) + item.bytes <= cap.bytes;
  return fits ? { accepted: true, items: [...remaining, item] } : { accepted: false, items };
};

const expectAgreement = async (storage: ServerStorage, owner: string, model: readonly ModelItem[]): Promise<void> => {
  const items = model.filter((item) => !item.object);
  const objects = model.filter((item) => item.object);
  const listed = await storage.inbox.list(owner, 0, 1000);
  expect(listed.items.map((item) => item.id)).toEqual(items.map((item) => item.id));
  expect(await storage.inbox.stats(owner)).toEqual({ items: items.length, bytes: sum(items) });
  expect(await storage.inbox.droppedStats(owner)).toEqual({ objects: objects.length, bytes: sum(objects) });
};

let objectCounter = 0;
/** 22 characters, unique in the run. */
const freshObjectId = (): string => `model-obj-${(++objectCounter).toString().padStart(12, '0')}`;

/** The model's dropped objects of the owner named by `picks` (each once). */
const pickedObjects = (model: readonly ModelItem[], picks: readonly number[]): ModelItem[] => {
  const objects = model.filter((item) => item.object);
  return [...new Set(picks.map((pick) => objects[pick % Math.max(1, objects.length)]).filter((item) => item !== undefined))];
};

export const inboxQuotaModelContract = (open: OpenStorage): void => {
  describe('InboxRepository quotas against a recomputing model', () => {
    it('accepts, refuses, evicts and counts exactly as the rules say after any history', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
          const { storage, cleanup } = await open();
          try {
            await givenAccount(storage, { name: OWNER });
            await givenAccount(storage, { name: BYSTANDER });
            const models = new Map<string, ModelItem[]>([[OWNER, []], [BYSTANDER, []]]);
            for (const current of steps) {
              if (current.op === 'append') {
                const receivedAt = T0 + current.age;
                const drop = current.kind === 'friend-request'
                  ? aFriendRequest(current.owner, { envelope: current.envelope, receivedAt })
                  : aDrop(current.owner, { tokenId: current.tokenId, envelope: current.envelope, receivedAt });
                const item: ModelItem = { id: drop.id, kind: drop.kind, tokenId: drop.tokenId, bytes: utf8Bytes(drop.envelope), receivedAt };
                const expected = modelAppend(models.get(current.owner) ?? [], item);
                const result = await storage.inbox.append(drop, QUOTAS);
                expect(result.ok ? 'accepted' : result.error).toBe(expected.accepted ? 'accepted' : 'inbox/full');
                models.set(current.owner, expected.items);
              } else if (current.op === 'drop-object') {
                const receivedAt = T0 + current.age;
                const item: ModelItem = { id: freshObjectId(), kind: 'drop', tokenId: current.tokenId, bytes: current.bytes, receivedAt, object: true };
                const expected = modelAppend(models.get(current.owner) ?? [], item);
                const dropped = await storage.inbox.dropObject(
                  { owner: current.owner, id: item.id, tokenId: current.tokenId, data: new Uint8Array(current.bytes), receivedAt },
                  QUOTAS,
                );
                expect(dropped.ok ? 'accepted' : dropped.error).toBe(expected.accepted ? 'accepted' : 'inbox/full');
                models.set(current.owner, expected.items);
              } else if (current.op === 'claim') {
                const model = models.get(OWNER) ?? [];
                const claimed = pickedObjects(model, current.picks);
                const head = await storage.blobs.find(OWNER);
                const changes = { commit: [], release: [], claim: claimed.map((item) => item.id) };
                const saved = await storage.blobs.save(OWNER, new Uint8Array(1), head?.version ?? 0, T0, { changes, storeBytes: 1 << 30 });
                expect(saved.ok).toBe(true);
                models.set(OWNER, model.filter((item) => !claimed.includes(item)));
              } else if (current.op === 'ack') {
                const model = models.get(OWNER) ?? [];
                const items = model.filter((item) => !item.object);
                const ids = current.picks.map((pick) => items[pick % Math.max(1, items.length)]?.id ?? 'unknown-id');
                const discarded = pickedObjects(model, current.objectPicks);
                const wanted = new Set(ids);
                const kept = model.filter((item) => !wanted.has(item.id) && !discarded.includes(item));
                expect(await storage.inbox.ack(OWNER, ids, discarded.map((item) => item.id))).toBe(items.filter((item) => wanted.has(item.id)).length);
                models.set(OWNER, kept);
              } else if (current.op === 'purge') {
                const receivedBefore = T0 + current.cut;
                const purged = { items: 0, objects: 0 };
                for (const [owner, model] of models) {
                  const gone = model.filter((item) => item.receivedAt < receivedBefore);
                  purged.items += gone.filter((item) => !item.object).length;
                  purged.objects += gone.filter((item) => item.object).length;
                  models.set(owner, model.filter((item) => item.receivedAt >= receivedBefore));
                }
                expect(await storage.inbox.purgeOlderThan(receivedBefore)).toEqual(purged);
              } else {
                expect(await storage.accounts.delete(OWNER)).toBe(true);
                await givenAccount(storage, { name: OWNER });
                models.set(OWNER, []);
              }
              await expectAgreement(storage, OWNER, models.get(OWNER) ?? []);
            }
            await expectAgreement(storage, BYSTANDER, models.get(BYSTANDER) ?? []);
          } finally {
            await cleanup();
          }
        }),
        { numRuns: 60 },
      );
    });
  });
};
