import { parseIndexPage } from '../../../domain/messaging/store/index-page';
import { knownPageRefs } from '../../../domain/messaging/store/known-pages';
import { parseMessagePage } from '../../../domain/messaging/store/message-page';
import { refsOfDeletedChats } from '../../../domain/messaging/store/deleted-chat-pages';
import { ClientDependencies } from '../client-dependencies';
import { DAMAGED_HISTORY, openHistoryObject } from '../store/open-history-object';
import { accountObjects } from './account-objects';
import { SignedInAccount } from './signed-in-account';

const READ_FAILED = 'Reading your history failed';

/** What one head write opens at most (§8.4's cost rule): a long deleted chat goes over a few writes. */
export const DELETED_CHAT_OBJECTS_PER_WRITE = 4;

/**
 * Opens, through the object cache, the indexes and pages that may hold messages of a chat the user
 * deleted, so that a compaction drops them from their pages and releases their files' chunks
 * (`planCompaction`). Answers how many it opened. Best effort: an object the server damaged is
 * passed over from then on; one that cannot be read now is tried again by a later write.
 */
export class OpenPagesOfDeletedChats {
  constructor(private readonly deps: Pick<ClientDependencies, 'crypto'>) {}

  async execute(account: SignedInAccount, limit = DELETED_CHAT_OBJECTS_PER_WRITE): Promise<number> {
    // Most accounts never deleted a chat: their writes look no further.
    if (!Object.values(account.head.friends).some((friend) => friend.chatDeletions !== undefined)) return 0;
    const access = accountObjects(this.deps, account);
    const isWaiting = (id: string): boolean => !account.isUnreadable(id);
    let opened = 0;
    while (opened < limit) {
      const [index] = refsOfDeletedChats(account.head.indexes, account.head.friends).filter(({ id }) => !account.hasOpenedIndex(id) && isWaiting(id));
      if (index !== undefined) {
        const read = await openHistoryObject(access, index.id, parseIndexPage, READ_FAILED);
        if (!read.ok && read.error.message !== DAMAGED_HISTORY) return opened;
        if (read.ok) account.openIndex(index.id, read.value);
        else account.markUnreadable(index.id);
        opened++;
        continue;
      }
      const known = knownPageRefs(account.head, account.indexes);
      const [page] = refsOfDeletedChats(known, account.head.friends).filter(({ id }) => !account.hasOpenedPage(id) && isWaiting(id));
      if (page === undefined) return opened;
      const read = await openHistoryObject(access, page.id, parseMessagePage, READ_FAILED);
      if (!read.ok && read.error.message !== DAMAGED_HISTORY) return opened;
      if (read.ok) account.openPage(page.id, read.value);
      else account.markUnreadable(page.id);
      opened++;
    }
    return opened;
  }
}
