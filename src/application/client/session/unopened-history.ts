import { knownPageRefs } from '../../../domain/messaging/store/known-pages';
import { IndexRef } from '../../../domain/messaging/store/index-page';
import { getOwn } from '../../../domain/messaging/own-record';
import { holdsOnlyDeletedChat } from '../../../domain/messaging/store/deleted-chat-pages';
import { PageRef, pagesOfFriend } from '../../../domain/messaging/store/page-ref';
import { SignedInAccount } from './signed-in-account';

type HistoryReader = Pick<SignedInAccount, 'head' | 'indexes' | 'hasOpenedPage' | 'hasOpenedIndex' | 'isUnreadable'>;

/** References whose messages of `friend` may show: not only those of a chat the user deleted (waiting for a compaction to drop them). */
const shownOf = <Ref extends PageRef>(account: HistoryReader, refs: Ref[], friend: string): Ref[] => {
  const record = getOwn(account.head.friends, friend);
  return refs.filter((ref) => {
    const range = getOwn(ref.friends, friend);
    return range === undefined || !holdsOnlyDeletedChat(record, range);
  });
};

/** Pages holding messages of `friend` this device has not opened (nor found damaged), newest first: what scrolling back opens next. */
export const unopenedPagesOf = (account: HistoryReader, friend: string): PageRef[] =>
  shownOf(account, pagesOfFriend(knownPageRefs(account.head, account.indexes), friend), friend).filter(
    (page) => !account.hasOpenedPage(page.id) && !account.isUnreadable(page.id),
  );

/** Indexes of the head referencing older pages of `friend`, not opened (nor found damaged) yet, newest first. */
export const unopenedIndexesOf = (account: HistoryReader, friend: string): IndexRef[] =>
  shownOf(account, pagesOfFriend(account.head.indexes, friend), friend).filter((index) => !account.hasOpenedIndex(index.id) && !account.isUnreadable(index.id));

/** Whether scrolling back may still show older messages of `friend` (PROTOCOL §8.4), known from the head alone. */
export const olderHistoryRemains = (account: HistoryReader, friend: string): boolean =>
  unopenedPagesOf(account, friend).length > 0 || unopenedIndexesOf(account, friend).length > 0;
