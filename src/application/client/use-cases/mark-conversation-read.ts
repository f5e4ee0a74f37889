import { markConversationRead, unreadCount } from '../../../domain/messaging/messages';
import { ok, Result } from '../../../domain/protocol/result';
import { ClientDependencies } from '../client-dependencies';
import { ClientError } from '../client-error';
import { SignedInAccount } from '../session/signed-in-account';
import { SaveBlob } from '../session/save-blob';

/** Read markers live in the blob, so every device of the user agrees on what is unread. */
export class MarkConversationRead {
  private readonly saveBlob: SaveBlob;

  constructor(deps: ClientDependencies) {
    this.saveBlob = new SaveBlob(deps);
  }

  execute(account: SignedInAccount, address: string): Promise<Result<void, ClientError>> {
    return this.saveBlob.execute<void, never>(account, async (doc) =>
      ok({ doc: unreadCount(doc, address) === 0 ? doc : markConversationRead(doc, address), value: undefined }),
    );
  }
}
