import { conversationView, ConversationItem } from '../../../../src/domain/messaging/conversation-view';
import { deleteMessage, applyIncomingMessage, composeOutgoingMessage, markConversationRead } from '../../../../src/domain/messaging/messages';
import { messageKey } from '../../../../src/domain/messaging/message';
import { BlobDocument } from '../../../../src/domain/messaging/blob-document';
import { ALICE, bobAwaitingAlice, incomingMessage, T0, unwrap } from './builders';

const receive = (doc: BlobDocument, seq: number, sentAt: number) =>
  unwrap(applyIncomingMessage(doc, incomingMessage({ id: `in-${seq}`, seq, sentAt }))).doc;

const send = (doc: BlobDocument, id: string, now: number) =>
  unwrap(composeOutgoingMessage(doc, { to: ALICE, id, body: id, now })).doc;

const describeItems = (items: ConversationItem[]): string[] =>
  items.map((item) => (item.kind === 'gap' ? `gap ${item.fromSeq}-${item.toSeq}` : `${item.message.direction} ${item.message.seq}`));

describe('conversationView', () => {
  it('orders each direction by seq and interleaves the two by sentAt', () => {
    let doc = receive(bobAwaitingAlice(), 1, T0 + 100);
    doc = send(doc, 'out-a', T0 + 150);
    doc = receive(doc, 2, T0 + 200);
    // Seq 3 claims an earlier sentAt than seq 2: seq order still wins within a direction.
    doc = receive(doc, 3, T0 + 120);
    doc = send(doc, 'out-b', T0 + 300);
    expect(describeItems(conversationView(doc, ALICE))).toEqual(['in 1', 'out 1', 'in 2', 'in 3', 'out 2']);
  });

  it('shows a gap where a seq from the friend is missing', () => {
    let doc = receive(bobAwaitingAlice(), 1, T0 + 100);
    doc = receive(doc, 4, T0 + 400);
    doc = receive(doc, 6, T0 + 600);
    expect(describeItems(conversationView(doc, ALICE))).toEqual(['in 1', 'gap 2-3', 'in 4', 'gap 5-5', 'in 6']);
  });

  it('fills a gap when the late message arrives', () => {
    let doc = receive(bobAwaitingAlice(), 1, T0 + 100);
    doc = receive(doc, 3, T0 + 300);
    doc = receive(doc, 2, T0 + 200);
    expect(describeItems(conversationView(doc, ALICE))).toEqual(['in 1', 'in 2', 'in 3']);
  });

  it('shows a leading gap when the first messages never arrived', () => {
    const doc = receive(bobAwaitingAlice(), 3, T0 + 300);
    expect(describeItems(conversationView(doc, ALICE))).toEqual(['gap 1-2', 'in 3']);
  });

  it('does not report a deleted message as missing', () => {
    let doc = receive(bobAwaitingAlice(), 1, T0 + 100);
    doc = receive(doc, 2, T0 + 200);
    doc = receive(doc, 3, T0 + 300);
    doc = deleteMessage(doc, messageKey('in', ALICE, 'in-2'), T0 + 400);
    expect(describeItems(conversationView(doc, ALICE))).toEqual(['in 1', 'in 3']);
  });

  it('marks unread incoming messages and delivery status of outgoing ones', () => {
    let doc = receive(bobAwaitingAlice(), 1, T0 + 100);
    doc = markConversationRead(doc, ALICE, T0 + 150).doc;
    doc = receive(doc, 2, T0 + 200);
    doc = send(doc, 'out-a', T0 + 300);
    const view = conversationView(doc, ALICE).map((item) => (item.kind === 'message' ? [item.message.seq, item.unread, item.status] : item.kind));
    expect(view).toEqual([
      [1, false, 'received'],
      [2, true, 'received'],
      [1, false, 'pending'],
    ]);
  });

  it('is empty for an unknown address', () => {
    expect(conversationView(bobAwaitingAlice(), 'carol@c.example')).toEqual([]);
  });
});
