import { readReceiptsOn } from '../../../domain/messaging/chat-settings';
import { hasUnseen, markConversationRead } from '../../../domain/messaging/messages';
import { ok, Result } from '../../../domain/protocol/result';
import { ClientDependencies } from '../client-dependencies';
import { ClientError } from '../client-error';
import { SignedInAccount } from '../session/signed-in-account';
import { SaveBlob } from '../session/save-blob';
import { receiptKind } from './record-kinds';
import { SendMessage } from './send-message';

/** PROTOCOL §11 caps the ids of one receipt. */
const RECEIPT_IDS_PER_RECORD = 256;

/**
 * Read markers live in the blob, so every device of the user agrees on what is unread. Reading
 * also starts the countdown of disappearing messages (§11), and with read receipts on tells the
 * friend which messages were read; a receipt that cannot go out now is resent like any message.
 */
export class MarkConversationRead {
  private readonly saveBlob: SaveBlob;
  private readonly sendMessage: SendMessage;

  constructor(private readonly deps: ClientDependencies) {
    this.saveBlob = new SaveBlob(deps);
    this.sendMessage = new SendMessage(deps);
  }

  async execute(account: SignedInAccount, address: string): Promise<Result<void, ClientError>> {
    const marked = await this.saveBlob.execute<readonly string[], never>(account, async (doc) => {
      if (!hasUnseen(doc, address)) return ok({ doc, value: [] });
      const read = markConversationRead(doc, address, this.deps.clock.now());
      return ok({ doc: read.doc, value: read.newlyRead });
    });
    if (!marked.ok) return marked;
    if (!readReceiptsOn(account.doc)) return ok(undefined);
    for (let start = 0; start < marked.value.length; start += RECEIPT_IDS_PER_RECORD) {
      const read = marked.value.slice(start, start + RECEIPT_IDS_PER_RECORD);
      // Recorded before it is sent, so a failed delivery is resent later; reading itself succeeded.
      await this.sendMessage.execute(account, { to: address, body: '', kind: receiptKind(read) });
    }
    return ok(undefined);
  }
}
