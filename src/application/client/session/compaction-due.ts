import { planCompaction } from '../../../domain/messaging/store/plan-compaction';
import { PAGE_MAX_BYTES } from '../../../domain/messaging/store/seal-tail';
import { StoreHead } from '../../../domain/messaging/store/store-head';
import { SignedInAccount } from './signed-in-account';

/**
 * Whether an opened page holds text that must go (a write that sealed or folded left it for the
 * next): worth a write of its own. Remembered for the head and the opened pages and indexes it was
 * judged on, since a sync with nothing new asks again with the same (judging 100,000 opened
 * messages took about 50 ms).
 */
export class CompactionDue {
  private last: {
    readonly account: SignedInAccount;
    readonly head: StoreHead;
    readonly openedObjectsChange: number;
    readonly due: boolean;
  } | null = null;

  execute(account: SignedInAccount): boolean {
    const { head, openedObjectsChange } = account;
    const last = this.last;
    if (last?.account === account && last.head === head && last.openedObjectsChange === openedObjectsChange) return last.due;
    const due = planCompaction(head, account.pages, PAGE_MAX_BYTES, account.indexes) !== null;
    this.last = { account, head, openedObjectsChange, due };
    return due;
  }
}
