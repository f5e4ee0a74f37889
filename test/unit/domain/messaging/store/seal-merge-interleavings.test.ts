import fc from 'fast-check';
import { canonicalJson } from '../../../../../src/domain/messaging/canonical-json';
import { mergeMessage } from '../../../../../src/domain/messaging/merge';
import { keyOfMessage, MessageRecord } from '../../../../../src/domain/messaging/message';
import { deleteMessage, markMessageDelivered } from '../../../../../src/domain/messaging/messages';
import { foldPages } from '../../../../../src/domain/messaging/store/fold-pages';
import { IndexPage } from '../../../../../src/domain/messaging/store/index-page';
import { knownPageRefs } from '../../../../../src/domain/messaging/store/known-pages';
import { MessagePage } from '../../../../../src/domain/messaging/store/message-page';
import { mergeHeads, rebaseHead } from '../../../../../src/domain/messaging/store/merge-heads';
import { applyCompaction, planCompaction } from '../../../../../src/domain/messaging/store/plan-compaction';
import { storedMessages } from '../../../../../src/domain/messaging/store/read-conversation';
import { sealTail } from '../../../../../src/domain/messaging/store/seal-tail';
import { StoreHead, tailDocument, withTailDocument } from '../../../../../src/domain/messaging/store/store-head';
import { T0 } from '../builders';
import { headOf, message, objectIdFactory, withTail } from './store-builders';

/*
 * Two devices of one user work on the same head at once, the way §8.5 syncs do: each reads the
 * server's head, receives, sends, delivers, deletes, seals and compacts, then writes; the first write
 * wins and the second re-merges after its 412; folding page references into indexes is among the
 * steps. Whatever the interleaving, no message either device ever held is lost unless someone deleted it.
 */

type Op =
  | { readonly kind: 'receive'; readonly id: number; readonly direction: 'in' | 'out' }
  | { readonly kind: 'deliver'; readonly pick: number }
  | { readonly kind: 'delete'; readonly pick: number }
  | { readonly kind: 'seal' }
  | { readonly kind: 'compact' }
  | { readonly kind: 'fold' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('receive' as const), id: fc.integer({ min: 1, max: 40 }), direction: fc.constantFrom('in' as const, 'out' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('deliver' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'seal' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'compact' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'fold' as const }) },
);

const FOLD = { foldAt: 2, fold: 2 };

const SEAL = { thresholdBytes: 1200, keepBytes: 600, maxPageBytes: 1500 };

/** A message's content depends on its key only: copies differ in what v1 merges (delivery), never in content. */
const messageFor = (id: number, direction: 'in' | 'out'): MessageRecord =>
  message({ id: `m${id}`, direction, seq: id, sentAt: T0 + id * 1000, body: `body ${id} `.repeat(8), receivedAt: direction === 'in' ? T0 : null });

class World {
  readonly objects = new Map<string, MessagePage>();
  readonly indexes = new Map<string, IndexPage>();
  private readonly newId = objectIdFactory();
  private clock = T0;

  /** What a reader that opened every index and every page sees. */
  view(head: StoreHead) {
    const refs = knownPageRefs(head, Object.keys(head.indexes).map((id) => this.indexes.get(id)!));
    return storedMessages(head, Object.keys(refs).map((id) => this.objects.get(id)!));
  }

  apply(head: StoreHead, step: Op): StoreHead {
    this.clock += 1;
    const view = this.view(head);
    const keys = Object.keys(view).sort();
    switch (step.kind) {
      case 'receive': {
        const received = messageFor(step.id, step.direction);
        // As v1's applyIncomingMessage: a key in the tail or deleted is a duplicate.
        const key = keyOfMessage(received);
        return key in head.deletedMessages || key in head.tail ? head : withTail(head, [received]);
      }
      case 'deliver': {
        const pending = Object.keys(head.tail).filter((key) => head.tail[key]!.deliveredAt === null && head.tail[key]!.direction === 'out').sort();
        const key = pending[step.pick % Math.max(1, pending.length)];
        return key === undefined ? head : withTailDocument(head, markMessageDelivered(tailDocument(head), key, this.clock));
      }
      case 'delete': {
        const key = keys[step.pick % Math.max(1, keys.length)];
        return key === undefined ? head : withTailDocument(head, deleteMessage(tailDocument(head), key, this.clock));
      }
      case 'seal': {
        const id = this.newId();
        const sealed = sealTail(head, id, SEAL);
        if (sealed === null) return head;
        this.objects.set(id, sealed.page);
        return sealed.head;
      }
      case 'compact': {
        const opened = Object.keys(head.pages).map((id) => ({ id, page: this.objects.get(id)! }));
        const plan = planCompaction(head, opened, SEAL.maxPageBytes);
        if (plan === null) return head;
        const id = this.newId();
        if (plan.page !== null) this.objects.set(id, plan.page);
        return applyCompaction(head, plan, id, this.clock);
      }
      case 'fold': {
        const id = this.newId();
        const folded = foldPages(head, id, FOLD);
        if (folded === null) return head;
        this.indexes.set(id, folded.index);
        return folded.head;
      }
    }
  }
}

const rounds = fc.array(fc.tuple(fc.array(op, { maxLength: 8 }), fc.array(op, { maxLength: 8 })), { minLength: 1, maxLength: 5 });

const expectNothingLost = (world: World, seen: Map<string, MessageRecord>, head: StoreHead) => {
  const view = world.view(head);
  for (const [key, record] of seen) {
    if (key in head.deletedMessages) expect(key in view).toBe(false);
    else expect(canonicalJson(mergeMessage(view[key]!, record))).toBe(canonicalJson(view[key]));
  }
};

const remember = (world: World, seen: Map<string, MessageRecord>, head: StoreHead) => {
  for (const [key, record] of Object.entries(world.view(head))) seen.set(key, seen.has(key) ? mergeMessage(seen.get(key)!, record) : record);
};

describe.each([
  ['rebaseHead (three-way)', (base: StoreHead, local: StoreHead, remote: StoreHead) => rebaseHead(base, local, remote)],
  ['mergeHeads (two-way)', (_: StoreHead, local: StoreHead, remote: StoreHead) => mergeHeads(local, remote)],
])('two devices syncing at once, re-merged by %s', (_, remerge) => {
  it('lose no message across any interleaving of receive, deliver, delete, seal, compact and fold', () => {
    fc.assert(
      fc.property(rounds, (steps) => {
        const world = new World();
        const seen = new Map<string, MessageRecord>();
        let server = headOf();
        for (const [first, second] of steps) {
          const base = server;
          const a = first.reduce((head, step) => world.apply(head, step), base);
          const b = second.reduce((head, step) => world.apply(head, step), base);
          remember(world, seen, a);
          remember(world, seen, b);
          server = remerge(base, b, a);
          expectNothingLost(world, seen, server);
        }
      }),
      { numRuns: 250 },
    );
  });
});

describe('rebaseHead', () => {
  it('does not bring back into the tail what the other device sealed, and keeps what this device changed since', () => {
    const world = new World();
    const incoming = Array.from({ length: 12 }, (_, i) => messageFor(i + 1, 'in'));
    const outgoing = messageFor(1, 'out');
    const base = withTail(headOf(), [...incoming, { ...outgoing, deliveredAt: T0 }]);
    const sealedRemotely = world.apply(base, { kind: 'seal' });
    expect(Object.keys(sealedRemotely.pages)).toHaveLength(1);
    const local = withTail(base, [messageFor(99, 'in')]);

    const rebased = rebaseHead(base, local, sealedRemotely);
    expect(Object.keys(rebased.tail).sort()).toEqual([...Object.keys(sealedRemotely.tail), keyOfMessage(messageFor(99, 'in'))].sort());
    expect(Object.keys(mergeHeads(local, sealedRemotely).tail).length).toBeGreaterThan(Object.keys(rebased.tail).length);
    expect(world.view(rebased)).toEqual(world.view(mergeHeads(local, sealedRemotely)));
  });

  it('does not bring back the processed inbox ids the other device forgot, and keeps the ones this device added', () => {
    const base: StoreHead = { ...headOf(), processedInboxItems: { acked: T0, unacked: T0 } };
    const pruned: StoreHead = { ...base, processedInboxItems: { unacked: T0 } };
    const local: StoreHead = { ...base, processedInboxItems: { ...base.processedInboxItems, fresh: T0 + 1 } };

    expect(rebaseHead(base, local, pruned).processedInboxItems).toEqual({ unacked: T0, fresh: T0 + 1 });
    expect(rebaseHead(base, pruned, local).processedInboxItems).toEqual({ unacked: T0, fresh: T0 + 1 });
    expect(mergeHeads(local, pruned).processedInboxItems).toEqual(local.processedInboxItems);
  });

  it('keeps every processed id a device added or both kept, and drops only ids one side forgot from the common head (any pruning on either side)', () => {
    const ids = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { maxLength: 6 });
    const side = (base: readonly string[]) => fc.record({ forgets: fc.subarray([...base]), adds: ids });
    fc.assert(
      fc.property(ids.chain((base) => fc.tuple(fc.constant(base), side(base), side(base))), ([baseIds, local, remote]) => {
        const processed = (kept: readonly string[], added: readonly string[]) => ({
          ...Object.fromEntries(kept.map((id) => [id, T0])),
          ...Object.fromEntries(added.filter((id) => !kept.includes(id)).map((id) => [id, T0 + 1])),
        });
        const keptBy = (edit: { forgets: string[] }) => baseIds.filter((id) => !edit.forgets.includes(id));
        const base: StoreHead = { ...headOf(), processedInboxItems: processed(baseIds, []) };
        const localHead: StoreHead = { ...base, processedInboxItems: processed(keptBy(local), local.adds) };
        const remoteHead: StoreHead = { ...base, processedInboxItems: processed(keptBy(remote), remote.adds) };
        const rebased = Object.keys(rebaseHead(base, localHead, remoteHead).processedInboxItems).sort();
        const added = [local, remote].flatMap((edit) => edit.adds.filter((id) => !keptBy(edit).includes(id)));
        const keptByBoth = keptBy(local).filter((id) => keptBy(remote).includes(id));
        expect(rebased).toEqual([...new Set([...added, ...keptByBoth])].sort());
      }),
      { numRuns: 300 },
    );
  });
});
