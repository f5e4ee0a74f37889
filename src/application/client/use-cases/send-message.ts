import { BlobDocument } from '../../../domain/messaging/blob-document';
import { timerSentAt } from '../../../domain/messaging/chat-settings';
import { settleMessages } from '../../../domain/messaging/message-lifecycle';
import { composeOutgoingMessage, markMessageDelivered, markMessageFailed } from '../../../domain/messaging/messages';
import { RecordKind } from '../../../domain/messaging/record-kind';
import { MessageKey } from '../../../domain/messaging/message';
import { getOwn } from '../../../domain/messaging/own-record';
import { hasKeys } from '../../../domain/messaging/friendship';
import { linkOf } from '../../../domain/messaging/document-updates';
import { err, ok, Result } from '../../../domain/protocol/result';
import type { ObjectChangesBody } from '../../../domain/protocol/wire';
import { resolveAddress } from '../session/account-address';
import { ClientDependencies } from '../client-dependencies';
import { ClientError, clientError, fromFriendServer } from '../client-error';
import { DeliverHandshakeReplies } from '../peers/deliver-handshake-replies';
import { randomUuid } from '../protocol/key-material';
import { dropMessage, recordUndeliverable, undeliverableReasonOf } from '../peers/message-delivery';
import { measureMessageBody } from '../peers/message-size';
import { atOnce, InTurn } from '../session/in-turn';
import { fromMessaging } from '../session/messaging-failure';
import { SignedInAccount } from '../session/signed-in-account';
import { SaveBlob } from '../session/save-blob';
import { MessageLookup, messagesOf } from './record-kinds';

export interface SendMessageInput {
  readonly to: string;
  readonly body: string;
  /**
   * What the record is (§11), decided on the document it is recorded in (a target must be there,
   * the chat's timer applies), looking a target up through `messageAt` (the document's own
   * messages); undefined: a plain text message.
   */
  readonly kind?: (doc: BlobDocument, friend: string, messageAt: MessageLookup) => Result<RecordKind | undefined, ClientError>;
  /** Store objects the write that records the message commits (a sent file's own chunks, §9.2). */
  readonly objects?: ObjectChangesBody;
}

/**
 * PROTOCOL §4.2: the seq is reserved and the message recorded as pending in the blob (If-Match)
 * before it is dropped at the friend's server, then marked delivered. A failed drop leaves it
 * queued for the automatic resend (same id and seq), unless the friend's server refused it for
 * good (too large, token revoked, account gone). A body the server would refuse as too large is
 * refused here, before anything is stored. `record` and `deliver` are the two halves, so a session
 * can wait on the friend's server outside its queue of operations.
 */
export class SendMessage {
  private readonly saveBlob: SaveBlob;
  private readonly deliverReplies: DeliverHandshakeReplies;

  constructor(private readonly deps: ClientDependencies) {
    this.saveBlob = new SaveBlob(deps);
    this.deliverReplies = new DeliverHandshakeReplies(deps);
  }

  async execute(account: SignedInAccount, input: SendMessageInput): Promise<Result<void, ClientError>> {
    const recorded = await this.record(account, input);
    if (!recorded.ok) return recorded;
    const delivered = await this.deliver(account, recorded.value);
    return delivered.ok ? ok(undefined) : delivered;
  }

  /** Reserves the seq and records the message as pending: the key it is recorded under. */
  async record(account: SignedInAccount, input: SendMessageInput): Promise<Result<MessageKey, ClientError>> {
    const to = resolveAddress(input.to);
    if (!to.ok) return to;
    const address = to.value.address;
    const id = randomUuid(this.deps.crypto.random);
    const composed = await this.saveBlob.execute(account, async (doc) => {
      const kind = input.kind === undefined ? ok(undefined) : input.kind(doc, address, messagesOf(doc));
      if (!kind.ok) return kind;
      if (!measureMessageBody(input.body, account.limits.envelopeBytes, kind.value).fits) {
        return clientError('message_too_long', 'The message is longer than the server accepts.');
      }
      const now = this.deps.clock.now();
      const sentAt = kind.value?.type === 'timer' ? timerSentAt(doc, address, now) : now;
      const result = composeOutgoingMessage(doc, { to: address, id, body: input.body, now: sentAt, ...(kind.value === undefined ? {} : { kind: kind.value }) });
      // A delete takes its target's text out of the store in the same write.
      if (!result.ok) return fromMessaging(result.error, address);
      return ok({ doc: settleMessages(result.value.doc, now), value: result.value.key, ...(input.objects === undefined ? {} : { objects: input.objects }) });
    });
    // Not in the blob, so nothing will resend it: the caller keeps the text.
    return composed.ok ? composed : err({ ...composed.error, unrecorded: true });
  }

  /**
   * Drops the recorded message at the friend's server, after any acceptance still owed to them.
   * The waits on their server are the caller's; what must be recorded afterwards goes through
   * `inTurn`. A message gone from the blob, or no longer waiting, is left alone. True once it was
   * dropped now.
   */
  async deliver(account: SignedInAccount, key: MessageKey, inTurn: InTurn = atOnce): Promise<Result<boolean, ClientError>> {
    const waiting = getOwn(account.doc.messages, key);
    if (waiting === undefined || waiting.deliveredAt !== null || waiting.undeliverable !== undefined) return ok(false);
    const address = waiting.friend;
    // The friend can only read this once our acceptance reached them: it must go first.
    const replies = await this.deliverReplies.execute(account, address, inTurn);
    if (!replies.ok) return replies;
    // Logged out meanwhile: the message stays pending in the store, sent again at the next sign-in, and was not sent now.
    if (account.closed) return clientError('unauthorized', 'This session ended before the message went out; it is sent at the next sign-in.');
    const message = getOwn(account.doc.messages, key);
    if (message === undefined) return ok(false);
    const link = linkOf(account.doc, address, message.handshakeId);
    if (!link || !hasKeys(link)) return fromMessaging('friend/not-active', address);
    if (link.state.kind === 'awaiting-confirmation' && link.replyDeliveredAt === null) {
      await inTurn(() => this.recordFailure(account, (doc) => markMessageFailed(doc, key)));
      const failure = replies.value.failures[0];
      return err({ code: failure?.code ?? 'network_error', message: failure?.message ?? `${address} is unreachable.`, friend: address });
    }

    const dropped = await dropMessage(this.deps, { ourAddress: link.ourAddress, keys: link.state.keys }, message);
    if (!dropped.ok) {
      const reason = undeliverableReasonOf(dropped.error);
      await inTurn(() =>
        this.recordFailure(account, (doc) => {
          const failed = markMessageFailed(doc, key);
          return reason === null ? failed : recordUndeliverable(failed, { key, reason, friend: address, now: this.deps.clock.now(), deviceId: account.deviceId });
        }),
      );
      return fromFriendServer(dropped.error, address, `Delivering to ${address} failed`);
    }
    // Losing this mark costs only a resend the friend deduplicates, so it rides on the next write.
    const now = this.deps.clock.now();
    account.changeLater((doc) => markMessageDelivered(doc, key, now));
    return ok(true);
  }

  /**
   * One to the same friend recorded before it failed to go just now: this one is not dropped (it would reach them
   * first) but marked failed, and the resend sends the two in order.
   */
  async holdBack(account: SignedInAccount, key: MessageKey, inTurn: InTurn = atOnce): Promise<Result<boolean, ClientError>> {
    const message = getOwn(account.doc.messages, key);
    if (message === undefined) return ok(false);
    await inTurn(() => this.recordFailure(account, (doc) => markMessageFailed(doc, key)));
    return err({ code: 'network_error', message: `Delivering to ${message.friend} failed: an earlier message to them did not go out`, friend: message.friend });
  }

  private async recordFailure(account: SignedInAccount, update: (doc: SignedInAccount['doc']) => SignedInAccount['doc']): Promise<Result<void, ClientError>> {
    return this.saveBlob.execute<void, never>(account, async (doc) => ok({ doc: update(doc), value: undefined }));
  }
}
