import { parseIndexPage } from '../../../domain/messaging/store/index-page';
import { parseMessagePage } from '../../../domain/messaging/store/message-page';
import { ok, Result } from '../../../domain/protocol/result';
import { ClientDependencies } from '../client-dependencies';
import { ClientError, clientError, fromGateway } from '../client-error';
import { accountObjects } from '../session/account-objects';
import { SignedInAccount } from '../session/signed-in-account';
import { olderHistoryRemains, unopenedIndexesOf, unopenedPagesOf } from '../session/unopened-history';
import { DAMAGED_HISTORY } from '../store/open-history-object';
import { readObject } from '../store/read-object';

/**
 * Scrolling back (PROTOCOL §8.4): opens the newest page with messages of `friend` this device has
 * not opened yet (first the index that references it, when the head no longer does), from the
 * object cache or the server, and answers whether older ones remain. A page or index the server
 * damaged is reported once and then passed over, so one bad object does not hide the history
 * older than it (nor make every later head write download it again).
 */
export class LoadOlderMessages {
  constructor(private readonly deps: Pick<ClientDependencies, 'crypto'>) {}

  async execute(account: SignedInAccount, friend: string): Promise<Result<boolean, ClientError>> {
    const access = accountObjects(this.deps, account);
    const damaged = (id: string): Result<never, ClientError> => {
      account.markUnreadable(id);
      return clientError('bad_response', DAMAGED_HISTORY);
    };
    // Indexes hold the oldest references: one is opened only when the head's pages of this chat are all open.
    const [index] = unopenedPagesOf(account, friend).length === 0 ? unopenedIndexesOf(account, friend) : [];
    if (index !== undefined) {
      const text = await readObject(access, index.id);
      if (!text.ok) return text.error.kind === 'gateway' ? fromGateway(text.error.error, 'Loading older messages failed') : damaged(index.id);
      const parsed = parseIndexPage(text.value);
      if (!parsed.ok) return damaged(index.id);
      account.openIndex(index.id, parsed.value);
    }
    const [next] = unopenedPagesOf(account, friend);
    if (next === undefined) return ok(olderHistoryRemains(account, friend));
    const text = await readObject(access, next.id);
    if (!text.ok) return text.error.kind === 'gateway' ? fromGateway(text.error.error, 'Loading older messages failed') : damaged(next.id);
    const page = parseMessagePage(text.value);
    if (!page.ok) return damaged(next.id);
    account.openPage(next.id, page.value);
    return ok(olderHistoryRemains(account, friend));
  }
}
