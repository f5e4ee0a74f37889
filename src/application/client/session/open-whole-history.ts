import { parseIndexPage } from '../../../domain/messaging/store/index-page';
import { knownPageRefs } from '../../../domain/messaging/store/known-pages';
import { parseMessagePage } from '../../../domain/messaging/store/message-page';
import { ok, Result } from '../../../domain/protocol/result';
import { ClientDependencies } from '../client-dependencies';
import { ClientError, clientError, fromGateway } from '../client-error';
import { readObject } from '../store/read-object';
import { accountObjects } from './account-objects';
import { SignedInAccount } from './signed-in-account';

const DAMAGED = 'A page of your history on the server cannot be opened: the server damaged it or served another in its place.';

/**
 * Opens every index and page the head references (from the cache where it has them), so that
 * `shownDocument` holds the whole history: for an export, which must not stop at the tail.
 */
export const openWholeHistory = async (deps: Pick<ClientDependencies, 'crypto'>, account: SignedInAccount): Promise<Result<void, ClientError>> => {
  const access = accountObjects(deps, account);
  const read = async (id: string): Promise<Result<string, ClientError>> => {
    const text = await readObject(access, id);
    if (text.ok) return text;
    return text.error.kind === 'gateway' ? fromGateway(text.error.error, 'Reading your history failed') : clientError('bad_response', DAMAGED);
  };
  for (const id of Object.keys(account.head.indexes).filter((id) => !account.hasOpenedIndex(id))) {
    const text = await read(id);
    if (!text.ok) return text;
    const index = parseIndexPage(text.value);
    if (!index.ok) return clientError('bad_response', DAMAGED);
    account.openIndex(id, index.value);
  }
  for (const id of Object.keys(knownPageRefs(account.head, account.indexes)).filter((id) => !account.hasOpenedPage(id))) {
    const text = await read(id);
    if (!text.ok) return text;
    const page = parseMessagePage(text.value);
    if (!page.ok) return clientError('bad_response', DAMAGED);
    account.openPage(id, page.value);
  }
  return ok(undefined);
};
