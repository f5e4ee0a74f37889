import { keyOfMessage } from '../../../../../src/domain/messaging/message';
import { deleteMessage, markMessageDelivered } from '../../../../../src/domain/messaging/messages';
import { mergeHeads } from '../../../../../src/domain/messaging/store/merge-heads';
import { readConversation, storedMessages } from '../../../../../src/domain/messaging/store/read-conversation';
import { sealTail } from '../../../../../src/domain/messaging/store/seal-tail';
import { tailDocument, withTailDocument } from '../../../../../src/domain/messaging/store/store-head';
import { BOB, T0 } from '../builders';
import { headOf, incomingMessages, message, objectIdFactory, withTail } from './store-builders';

const options = { thresholdBytes: 3000, keepBytes: 1500, maxPageBytes: 100_000 };

describe('reading a conversation from the head and its pages', () => {
  it('shows each message once when two devices sealed overlapping tails', () => {
    const newId = objectIdFactory();
    const base = withTail(headOf(), incomingMessages(40, 100));
    const laptop = sealTail(base, newId(), options)!;
    const phone = sealTail(withTail(base, incomingMessages(5, 100, 41)), newId(), options)!;
    const merged = mergeHeads(laptop.head, phone.head);
    expect(Object.keys(merged.pages)).toHaveLength(2);

    const pages = [laptop.page, phone.page];
    const shown = readConversation(merged, pages, BOB).flatMap((item) => (item.kind === 'message' ? [item.key] : []));
    expect(shown).toHaveLength(45);
    expect(new Set(shown).size).toBe(45);
    expect(Object.keys(storedMessages(merged, pages))).toHaveLength(45);
  });

  it('gives a delete the time of its target once the page holding the target is open, so the deleted mark shows', () => {
    const sealed = sealTail(withTail(headOf(), incomingMessages(40, 100)), objectIdFactory()(), options)!;
    const [target] = sealed.page.messages;
    const deletion = message({ id: 'd1', seq: 99, sentAt: T0 + 99_000, body: '', kind: { type: 'delete', target: target!.id } });
    const head = withTail(withTailDocument(sealed.head, deleteMessage(tailDocument(sealed.head), keyOfMessage(target!), T0 + 5)), [deletion]);
    expect(storedMessages(head, [])[keyOfMessage(deletion)]?.targetSentAt).toBeUndefined();
    expect(storedMessages(head, [sealed.page])[keyOfMessage(deletion)]?.targetSentAt).toBe(target!.sentAt);
  });

  it('gives no "deleted" mark to a delete naming its target’s seq, whose target a page holds', () => {
    const sealed = sealTail(withTail(headOf(), incomingMessages(40, 100)), objectIdFactory()(), options)!;
    const [target] = sealed.page.messages;
    const takeBack = message({ id: 'd1', seq: 99, sentAt: T0 + 99_000, body: '', kind: { type: 'delete', target: target!.id, targetSeq: target!.seq } });
    const head = withTail(withTailDocument(sealed.head, deleteMessage(tailDocument(sealed.head), keyOfMessage(target!), T0 + 5)), [takeBack]);
    expect(storedMessages(head, [sealed.page])[keyOfMessage(takeBack)]?.targetSentAt).toBeUndefined();
  });

  it('hides a paged message once deleted, and applies a tail record over its sealed copy', () => {
    const out = message({ id: 'o1', direction: 'out', seq: 1, sentAt: T0, receivedAt: null, deliveredAt: null, undeliverable: 'gone' });
    const sealed = sealTail(withTail(headOf(), [out, ...incomingMessages(40, 100)]), objectIdFactory()(), options)!;
    const [first, second] = sealed.page.messages.filter((m) => m.direction === 'in');
    expect(sealed.page.messages).toContainEqual(out);

    const deleted = withTailDocument(sealed.head, deleteMessage(tailDocument(sealed.head), keyOfMessage(first!), T0 + 5));
    const replaced = withTail(deleted, [{ ...out, deliveredAt: T0 + 9 }]);
    const view = storedMessages(replaced, [sealed.page]);
    expect(keyOfMessage(first!) in view).toBe(false);
    expect(keyOfMessage(second!) in view).toBe(true);
    expect(view[keyOfMessage(out)]?.deliveredAt).toBe(T0 + 9);
    expect(markMessageDelivered(tailDocument(replaced), keyOfMessage(out), T0 + 20).messages[keyOfMessage(out)]?.deliveredAt).toBe(T0 + 9);
  });
});
