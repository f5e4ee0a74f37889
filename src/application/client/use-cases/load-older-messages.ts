import { parseMessagePage } from '../../../domain/messaging/store/message-page';
import { pagesOfFriend } from '../../../domain/messaging/store/page-ref';
import { ok, Result } from '../../../domain/protocol/result';
import { ClientDependencies } from '../client-dependencies';
import { ClientError, clientError, fromGateway } from '../client-error';
import { accountObjects } from '../session/account-objects';
import { SignedInAccount } from '../session/signed-in-account';
import { readObject } from '../store/read-object';

const DAMAGED_PAGE = 'A page of your history on the server cannot be opened: the server damaged it or served another in its place.';

/**
 * Scrolling back (PROTOCOL §8.4): opens the newest page with messages of `friend` this device has
 * not opened yet, from the object cache or the server, and answers whether older ones remain.
 */
export class LoadOlderMessages {
  constructor(private readonly deps: Pick<ClientDependencies, 'crypto'>) {}

  async execute(account: SignedInAccount, friend: string): Promise<Result<boolean, ClientError>> {
    const unopened = () => pagesOfFriend(account.head.pages, friend).filter((page) => !account.hasOpenedPage(page.id));
    const [next] = unopened();
    if (next === undefined) return ok(false);
    const text = await readObject(accountObjects(this.deps, account), next.id);
    if (!text.ok) return text.error.kind === 'gateway' ? fromGateway(text.error.error, 'Loading older messages failed') : clientError('bad_response', DAMAGED_PAGE);
    const page = parseMessagePage(text.value);
    if (!page.ok) return clientError('bad_response', DAMAGED_PAGE);
    account.openPage(next.id, page.value);
    return ok(unopened().length > 0);
  }
}
