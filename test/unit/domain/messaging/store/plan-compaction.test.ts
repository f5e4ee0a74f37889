import { keyOfMessage } from '../../../../../src/domain/messaging/message';
import { deleteMessage } from '../../../../../src/domain/messaging/messages';
import { foldPages } from '../../../../../src/domain/messaging/store/fold-pages';
import { knownPageRefs } from '../../../../../src/domain/messaging/store/known-pages';
import { mergeHeads } from '../../../../../src/domain/messaging/store/merge-heads';
import { applyCompaction, planCompaction } from '../../../../../src/domain/messaging/store/plan-compaction';
import { storedMessages } from '../../../../../src/domain/messaging/store/read-conversation';
import { sealTail } from '../../../../../src/domain/messaging/store/seal-tail';
import { StoreHead, tailDocument, withTailDocument } from '../../../../../src/domain/messaging/store/store-head';
import { T0 } from '../builders';
import { headOf, incomingMessages, objectIdFactory, withTail } from './store-builders';

const newId = objectIdFactory();
const options = { thresholdBytes: 3000, keepBytes: 1500, maxPageBytes: 100_000 };

/** A head with two pages of 10 messages each (m1–m10, m11–m20), and a tail. */
const twoPages = () => {
  const first = sealTail(withTail(headOf(), incomingMessages(20, 100)), newId(), options)!;
  const second = sealTail(withTail(first.head, incomingMessages(20, 100, 21)), newId(), options)!;
  return { head: second.head, opened: [{ id: first.ref.id, page: first.page }, { id: second.ref.id, page: second.page }] };
};

const deleting = (head: StoreHead, ids: readonly number[]): StoreHead =>
  ids.reduce((current, id) => withTailDocument(current, deleteMessage(tailDocument(current), keyOfMessage(incomingMessages(1, 100, id)[0]!), T0)), head);

describe('planCompaction', () => {
  it('rewrites a page as soon as one of its messages is deleted (§11: no stored copy keeps a deleted text)', () => {
    const { head, opened } = twoPages();
    const plan = planCompaction(deleting(head, [1]), opened)!;
    expect(plan.release).toEqual([opened[0]!.id]);
    expect(plan.page!.messages.map((m) => m.id)).toEqual(opened[0]!.page.messages.map((m) => m.id).filter((id) => id !== 'm1'));
  });

  it('rewrites a page whose message an edit in the tail replaced, with the new text only', () => {
    const { head, opened } = twoPages();
    const target = opened[1]!.page.messages[0]!;
    const edit = { ...target, id: 'edit-1', seq: 99, body: 'the new text', kind: { type: 'edit' as const, target: target.id } };
    const edited = withTailDocument(head, { ...tailDocument(head), messages: { ...head.tail, [keyOfMessage(edit)]: edit } });
    expect(planCompaction(head, opened)).toBeNull();
    const plan = planCompaction(edited, opened)!;
    expect(plan.release).toEqual([opened[1]!.id]);
    expect(plan.page!.messages.find((m) => m.id === target.id)).toEqual({ ...target, body: 'the new text', editSeq: 99 });
  });

  it('rewrites a page once a quarter of it is deleted, keeping the rest, and releases it in the same write', () => {
    const { head, opened } = twoPages();
    const [first] = opened;
    const deletedIds = first!.page.messages.slice(0, Math.ceil(first!.page.messages.length / 4)).map((m) => Number(m.id.slice(1)));
    const withDeletes = deleting(head, deletedIds);
    const plan = planCompaction(withDeletes, opened)!;
    expect(plan.release).toEqual([first!.id]);
    expect(plan.page!.messages).toHaveLength(first!.page.messages.length - deletedIds.length);

    const id = newId();
    const compacted = applyCompaction(withDeletes, plan, id, T0 + 1);
    expect(Object.keys(compacted.pages)).toEqual([opened[1]!.id, id]);
    expect(compacted.releasedPages).toEqual({ [first!.id]: T0 + 1 });
    const pagesAfter = [opened[1]!.page, plan.page!];
    expect(storedMessages(compacted, pagesAfter)).toEqual(storedMessages(withDeletes, opened.map(({ page }) => page)));

    // A device that still holds the old head cannot bring the released page back.
    expect(Object.keys(mergeHeads(head, compacted).pages)).toEqual(expect.not.arrayContaining([first!.id]));
  });

  it('releases a page without writing one when every message in it is deleted', () => {
    const { head, opened } = twoPages();
    const plan = planCompaction(deleting(head, opened[0]!.page.messages.map((m) => Number(m.id.slice(1)))), opened)!;
    expect(plan).toEqual({ release: [opened[0]!.id], page: null, chunks: [] });
  });

  it('applies an edit sealed in another opened page (a seal took it before its target was found)', () => {
    const { head, opened } = twoPages();
    const target = opened[0]!.page.messages[0]!;
    const edit = { ...target, id: 'edit-1', seq: 99, body: 'the new text', kind: { type: 'edit' as const, target: target.id } };
    const withSealedEdit = [opened[0]!, { ...opened[1]!, page: { ...opened[1]!.page, messages: [...opened[1]!.page.messages, edit] } }];
    const plan = planCompaction(head, withSealedEdit)!;
    expect(plan.release).toEqual([opened[0]!.id]);
    expect(plan.page!.messages.find((m) => m.id === target.id)).toEqual({ ...target, body: 'the new text', editSeq: 99 });
  });

  it('drops a sealed edit whose text is no longer current: its message was deleted, or a newer edit replaced it', () => {
    const { head, opened } = twoPages();
    const [first, second] = [opened[0]!.page.messages[0]!, opened[0]!.page.messages[1]!];
    const editOf = (target: typeof first, id: string, seq: number, body: string) => ({ ...target, id, seq, body, kind: { type: 'edit' as const, target: target.id } });
    const edits = [editOf(first, 'e-old', 97, 'older words'), editOf(first, 'e-new', 98, 'newer words'), editOf(second, 'e-gone', 99, 'words of a deleted message')];
    const withEdits = [{ ...opened[0]!, page: { ...opened[0]!.page, messages: [...opened[0]!.page.messages, ...edits] } }, opened[1]!];
    const plan = planCompaction(deleting(head, [Number(second.id.slice(1))]), withEdits)!;
    const bodies = plan.page!.messages.map((m) => m.body);
    expect(bodies).toContain('newer words');
    expect(bodies).not.toContain('older words');
    expect(bodies).not.toContain('words of a deleted message');
  });

  it('rewrites a page folded into an index once that index is open, and readers of the index skip the released page', () => {
    const { head, opened } = twoPages();
    const folded = foldPages(head, newId(), { foldAt: 1, fold: 1 })!;
    const [first] = opened;
    expect(first!.id in folded.head.pages).toBe(false);
    const withDelete = deleting(folded.head, [1]);
    expect(planCompaction(withDelete, opened)).toBeNull();
    const plan = planCompaction(withDelete, opened, undefined, [folded.index])!;
    expect(plan.release).toEqual([first!.id]);
    const compacted = applyCompaction(withDelete, plan, newId(), T0 + 1);
    expect(Object.keys(knownPageRefs(compacted, [folded.index]))).not.toContain(first!.id);
  });

  it('ignores pages the head no longer references', () => {
    const { head, opened } = twoPages();
    const withDeletes = deleting(head, opened[0]!.page.messages.map((m) => Number(m.id.slice(1))));
    const released = applyCompaction(withDeletes, { release: [opened[0]!.id], page: null, chunks: [] }, newId(), T0);
    expect(planCompaction(released, opened)).toBeNull();
  });
});
