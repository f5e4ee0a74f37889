import { BlobDocument } from '../../../../../src/domain/messaging/blob-document';
import { deleteChat } from '../../../../../src/domain/messaging/deleted-chats';
import { removeFriend } from '../../../../../src/domain/messaging/friends';
import { settleMessages } from '../../../../../src/domain/messaging/message-lifecycle';
import { parseStoredHead, serializeStoreHead } from '../../../../../src/domain/messaging/store/head-codec';
import { mergeHeads, rebaseHead } from '../../../../../src/domain/messaging/store/merge-heads';
import { planCompaction } from '../../../../../src/domain/messaging/store/plan-compaction';
import { readConversation, storedMessages } from '../../../../../src/domain/messaging/store/read-conversation';
import { sealTail } from '../../../../../src/domain/messaging/store/seal-tail';
import { StoreHead, tailDocument, withTailDocument } from '../../../../../src/domain/messaging/store/store-head';
import { BOB, DAY, errorOf, T0, unwrap } from '../builders';
import { headOf, incomingMessages, message, objectIdFactory, withTail } from './store-builders';

const newId = objectIdFactory();
const options = { thresholdBytes: 3000, keepBytes: 1500, maxPageBytes: 100_000 };
const CAROL = 'carol@c.example';

/** Alice's head holding 40 messages of Bob, 20 of them sealed in a page, then Bob removed. */
const withBobsHistory = () => {
  const sealed = sealTail(withTail(headOf(), incomingMessages(40, 100)), newId(), options)!;
  const removed = unwrap(removeFriend(tailDocument(sealed.head), { address: BOB, now: T0 + DAY, deviceId: 'alice-laptop' })).doc;
  return { head: withTailDocument(sealed.head, removed), opened: [{ id: sealed.ref.id, page: sealed.page }] };
};

const deletingBobsChat = (head: StoreHead): StoreHead =>
  withTailDocument(head, unwrap(deleteChat(tailDocument(head), { address: BOB, now: T0 + 2 * DAY, deviceId: 'alice-laptop' })));

const ids = (doc: Pick<BlobDocument, 'messages'>): string[] => Object.values(doc.messages).map((m) => m.id);

describe('a deleted chat in the paged store', () => {
  it('leaves the tail at once, so the head shrinks', () => {
    const { head } = withBobsHistory();
    expect(Object.keys(head.tail).length).toBeGreaterThan(0);
    expect(deletingBobsChat(head).tail).toEqual({});
  });

  it('is hidden in the pages a reader opens, and so from search, which reads the same way', () => {
    const { head, opened } = withBobsHistory();
    const pages = opened.map(({ page }) => page);
    expect(Object.keys(storedMessages(head, pages))).toHaveLength(40);
    const deleted = deletingBobsChat(head);
    expect(storedMessages(deleted, pages)).toEqual({});
    expect(readConversation(deleted, pages, BOB)).toEqual([]);
  });

  it('makes a compaction release a page that held only that chat, and keep other chats’ messages of a shared page', () => {
    const { head, opened } = withBobsHistory();
    expect(planCompaction(head, opened)).toBeNull();
    const deleted = deletingBobsChat(head);
    expect(planCompaction(deleted, opened)).toEqual({ release: [opened[0]!.id], page: null, chunks: [] });

    const carols = [message({ id: 'c1', friend: CAROL, handshakeId: 'E_C', sentAt: T0 + 500 })];
    const shared = { id: opened[0]!.id, page: { ...opened[0]!.page, messages: [...carols, ...opened[0]!.page.messages] } };
    expect(planCompaction(deleted, [shared])!.page!.messages.map((m) => m.id)).toEqual(['c1']);
  });

  it('an old head written by a device that missed the deletion does not bring the tail back', () => {
    const { head } = withBobsHistory();
    const deleted = deletingBobsChat(head);
    const stale = withTail(head, incomingMessages(1, 100, 41));
    for (const merged of [mergeHeads(deleted, stale), mergeHeads(stale, deleted), rebaseHead(head, stale, deleted)]) {
      expect(storedMessages(merged, [])).toEqual({});
      // The next write leaves the stale tail out.
      expect(ids(settleMessages(tailDocument(merged), T0 + 3 * DAY))).toEqual([]);
    }
  });

  it('is kept in the head codec, which refuses a malformed one', () => {
    const deleted = deletingBobsChat(withBobsHistory().head);
    expect(unwrap(parseStoredHead(serializeStoreHead(deleted)))).toEqual({ format: 2, head: deleted });
    const malformed = { ...deleted, friends: { [BOB]: { ...deleted.friends[BOB], chatDeletions: { E_A: 'now' } } } };
    expect(errorOf(parseStoredHead(JSON.stringify(malformed)))).toBe('store/malformed');
  });
});
