import { readReceiptsOn } from '../../../domain/messaging/chat-settings';
import { hasUnseen, markConversationRead } from '../../../domain/messaging/messages';
import { MessageKey } from '../../../domain/messaging/message';
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
    const receipts = await this.record(account, address);
    if (!receipts.ok) return receipts;
    // Reading itself succeeded: a receipt that did not go out is resent later.
    for (const key of receipts.value) await this.sendMessage.deliver(account, key);
    return ok(undefined);
  }

  /** Marks the conversation read and, with read receipts on, records the receipts to send: their keys. */
  async record(account: SignedInAccount, address: string): Promise<Result<readonly MessageKey[], ClientError>> {
    const marked = await this.saveBlob.execute<readonly string[], never>(account, async (doc) => {
      if (!hasUnseen(doc, address)) return ok({ doc, value: [] });
      const read = markConversationRead(doc, address, this.deps.clock.now());
      return ok({ doc: read.doc, value: read.newlyRead });
    });
    if (!marked.ok) return marked;
    if (!readReceiptsOn(account.doc)) return ok([]);
    const receipts: MessageKey[] = [];
    for (let start = 0; start < marked.value.length; start += RECEIPT_IDS_PER_RECORD) {
      const read = marked.value.slice(start, start + RECEIPT_IDS_PER_RECORD);
      const recorded = await this.sendMessage.record(account, { to: address, body: '', kind: receiptKind(read) });
      if (recorded.ok) receipts.push(recorded.value);
    }
    return ok(receipts);
  }
}
