import { CompactionDue } from '../../../../src/application/client/session/compaction-due';
import { accountWith, headWithOneDirtyPage } from './paged-account';

describe('CompactionDue', () => {
  it('judges again when one opened page was dropped and another opened under the same head', () => {
    const { head, dirty, clean } = headWithOneDirtyPage();
    const account = accountWith(head);
    const compactionDue = new CompactionDue();
    account.openPage(clean.id, clean.page);
    expect(compactionDue.execute(account)).toBe(false);

    account.dropOpenedPage(clean.id);
    account.openPage(dirty.id, dirty.page);
    expect(account.head).toBe(head);
    expect(compactionDue.execute(account)).toBe(true);

    account.dropOpenedPage(dirty.id);
    account.openPage(clean.id, clean.page);
    expect(compactionDue.execute(account)).toBe(false);
  });
});
