import { parseIndexPage } from '../../../domain/messaging/store/index-page';
import { knownPageRefs } from '../../../domain/messaging/store/known-pages';
import { parseMessagePage } from '../../../domain/messaging/store/message-page';
import { ok, Result } from '../../../domain/protocol/result';
import { ClientDependencies } from '../client-dependencies';
import { ClientError } from '../client-error';
import { openHistoryObject } from '../store/open-history-object';
import { accountObjects } from './account-objects';
import { SignedInAccount } from './signed-in-account';

const READ_FAILED = 'Reading your history failed';

/**
 * Opens every index and page the head references (from the cache where it has them), so that
 * `shownDocument` holds the whole history: for an export, which must not stop at the tail.
 */
export const openWholeHistory = async (deps: Pick<ClientDependencies, 'crypto'>, account: SignedInAccount): Promise<Result<void, ClientError>> => {
  const access = accountObjects(deps, account);
  for (const id of Object.keys(account.head.indexes).filter((id) => !account.hasOpenedIndex(id))) {
    const index = await openHistoryObject(access, id, parseIndexPage, READ_FAILED);
    if (!index.ok) return index;
    account.openIndex(id, index.value);
  }
  for (const id of Object.keys(knownPageRefs(account.head, account.indexes)).filter((id) => !account.hasOpenedPage(id))) {
    const page = await openHistoryObject(access, id, parseMessagePage, READ_FAILED);
    if (!page.ok) return page;
    account.openPage(id, page.value);
  }
  return ok(undefined);
};
