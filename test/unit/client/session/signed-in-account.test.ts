import { keyOfMessage } from '../../../../src/domain/messaging/message';
import { markMessageDelivered } from '../../../../src/domain/messaging/messages';
import { getOwn } from '../../../../src/domain/messaging/own-record';
import { headOf, message, withTail } from '../../domain/messaging/store/store-builders';
import { T0 } from '../../domain/messaging/builders';
import { accountWith, headWithOneDirtyPage } from './paged-account';

describe('SignedInAccount', () => {
  it('shows the messages of the pages open now when one was dropped and another opened under the same head', () => {
    const { head, dirty, clean } = headWithOneDirtyPage();
    const account = accountWith(head);
    const shownIds = () => Object.values(account.shownDocument.messages).map((message) => message.id);
    const [dirtyMessage, cleanMessage] = [dirty.page.messages[1]!.id, clean.page.messages[0]!.id];
    account.openPage(clean.id, clean.page);
    expect(shownIds()).toEqual(expect.arrayContaining([cleanMessage]));
    expect(shownIds()).not.toContain(dirtyMessage);

    account.dropOpenedPage(clean.id);
    account.openPage(dirty.id, dirty.page);
    expect(account.head).toBe(head);
    expect(shownIds()).toContain(dirtyMessage);
    expect(shownIds()).not.toContain(cleanMessage);
  });

  it('keeps a delivery mark made while a write was under way, which began without it, and leaves it to be written', () => {
    const pending = message({ id: 'out-1', direction: 'out', receivedAt: null });
    const key = keyOfMessage(pending);
    const account = accountWith(withTail(headOf(), [pending]));
    // A write takes the document as it is now: the message pending.
    const written = account.head;

    account.changeLater((doc) => markMessageDelivered(doc, key, T0 + 5));
    account.adoptSaved(written, { version: 2, hash: 'written' });

    expect(getOwn(account.doc.messages, key)?.deliveredAt).toBe(T0 + 5);
    expect(account.unsaved).toBe(true);
    account.adoptSaved(account.head, { version: 3, hash: 'with the mark' });
    expect(account.unsaved).toBe(false);
  });
});
