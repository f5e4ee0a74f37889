import { BlobDocument } from '../../../../src/domain/messaging/blob-document';
import { releaseDeletedChatsOfTail, tailHoldsDeletedChats } from '../../../../src/domain/messaging/deleted-chat-chunks';
import { deleteChat } from '../../../../src/domain/messaging/deleted-chats';
import { removeFriend } from '../../../../src/domain/messaging/friends';
import { keyOfMessage, MessageRecord } from '../../../../src/domain/messaging/message';
import { planCompaction } from '../../../../src/domain/messaging/store/plan-compaction';
import { messagePage } from '../../../../src/domain/messaging/store/message-page';
import { pageRefOf } from '../../../../src/domain/messaging/store/page-ref';
import { StoreHead, tailDocument, withTailDocument } from '../../../../src/domain/messaging/store/store-head';
import { BOB, DAY, T0, unwrap } from './builders';
import { headOf, message, objectIdFactory, withTail } from './store/store-builders';

const CAROL = 'carol@c.example';
const chunkId = objectIdFactory(500);

/** A message with one file of `chunks` chunk ids. */
const withFile = (overrides: Partial<MessageRecord>, chunks: readonly string[]): MessageRecord =>
  message({
    ...overrides,
    kind: {
      type: 'message',
      files: [{ name: 'f.bin', type: '', size: chunks.length * 1_048_576, sha256: 'A'.repeat(43), key: 'B'.repeat(43), chunkBytes: 1_048_576, chunks }],
    },
  });

const ids = (count: number): string[] => Array.from({ length: count }, () => chunkId());

/** Alice's head with `bobs` and `carols` in the tail, then Bob removed and his chat deleted. */
const deletedWith = (bobs: readonly MessageRecord[], carols: readonly MessageRecord[] = []): { before: BlobDocument; after: BlobDocument; head: StoreHead } => {
  const head = withTail(headOf(), [...bobs, ...carols]);
  const removed = unwrap(removeFriend(tailDocument(head), { address: BOB, now: T0 + DAY, deviceId: 'alice-laptop' })).doc;
  const deleted = unwrap(deleteChat(removed, { address: BOB, now: T0 + 2 * DAY, deviceId: 'alice-laptop' }));
  return { before: removed, after: deleted, head: withTailDocument(head, deleted) };
};

describe('the files of a deleted chat', () => {
  it('leave with the tail write that drops their messages, but a chunk a shown message names too', () => {
    const shared = chunkId();
    const bobs = [withFile({ id: 'b1' }, [...ids(2), shared]), withFile({ id: 'b2', direction: 'out', seq: 2 }, ids(1))];
    const carols = [withFile({ id: 'c1', friend: CAROL, handshakeId: 'E_C' }, [shared])];
    const { before, after } = deletedWith(bobs, carols);
    const { doc, release } = releaseDeletedChatsOfTail(before, after, () => [], 1000);
    expect(doc).toBe(after);
    expect([...release].sort()).toEqual([...bobs.flatMap(chunksOf).filter((id) => id !== shared)].sort());
    // Named by a message of an opened page only: it stays too.
    const opened = releaseDeletedChatsOfTail(before, deletedWith(bobs).after, () => carols, 1000);
    expect(opened.release).not.toContain(shared);
  });

  it('that do not fit one write’s release list stay in the tail, hidden, for the next write', () => {
    const bobs = [withFile({ id: 'b1' }, ids(600)), withFile({ id: 'b2', seq: 2 }, ids(600))];
    const { before, after } = deletedWith(bobs);
    const first = releaseDeletedChatsOfTail(before, after, () => [], 1000);
    expect(first.release).toHaveLength(600);
    expect(Object.keys(first.doc.messages)).toHaveLength(1);
    expect(tailHoldsDeletedChats(first.doc)).toBe(true);
    const { messages, ...rest } = first.doc;
    const second = releaseDeletedChatsOfTail(first.doc, { ...rest, messages: {} }, () => [], 1000);
    expect([...first.release, ...second.release].sort()).toEqual(bobs.flatMap(chunksOf).sort());
    expect(Object.keys(messages)).toHaveLength(1);
  });

  it('leave with the compaction that drops their page, within the release list, the rest carried to the new page', () => {
    const shared = chunkId();
    const bobs = [withFile({ id: 'b1', sentAt: T0 + 1 }, [...ids(500), shared]), withFile({ id: 'b2', seq: 2, sentAt: T0 + 2 }, ids(500))];
    const carols = [withFile({ id: 'c1', friend: CAROL, handshakeId: 'E_C' }, [shared])];
    const { head } = deletedWith([], carols);
    const id = objectIdFactory(900)();
    const page = messagePage(bobs);
    const withPage: StoreHead = { ...head, pages: { [id]: pageRefOf(id, bobs, 1000) } };
    const deleted = { ...withPage, friends: deletedWith(bobs).after.friends };

    const all = planCompaction(deleted, [{ id, page }])!;
    expect(all.page).toBeNull();
    expect([...all.chunks].sort()).toEqual(bobs.flatMap(chunksOf).filter((chunk) => chunk !== shared).sort());

    const some = planCompaction(deleted, [{ id, page }], undefined, [], 600)!;
    expect(some.release).toEqual([id]);
    expect(some.chunks).toHaveLength(500);
    expect(some.page!.messages.map(keyOfMessage)).toEqual([keyOfMessage(bobs[1]!)]);
  });
});

function chunksOf(record: MessageRecord): string[] {
  return record.kind?.type === 'message' ? (record.kind.files ?? []).flatMap((file) => [...file.chunks]) : [];
}
