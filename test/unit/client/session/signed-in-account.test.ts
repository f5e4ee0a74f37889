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
});
