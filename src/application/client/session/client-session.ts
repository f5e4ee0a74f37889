import { answeredClaimsToCheck, pendingClaimToCheck, SenderClaim } from '../../../domain/messaging/incoming-requests';
import { ok, Result } from '../../../domain/protocol/result';
import { accountOverview } from './account-overview';
import { conversationEntries } from './conversation-entries';
import { ClientError } from '../client-error';
import { ClientUseCases } from '../use-cases/client-use-cases';
import { canonicalizeAddress } from '../../../domain/messaging/address';
import { isChatDeleted } from '../../../domain/messaging/deleted-chats';
import { deliveryStatus, keyOfMessage, MessageKey, messageKey } from '../../../domain/messaging/message';
import { retryableMessages } from '../../../domain/messaging/messages';
import { nextExpiry } from '../../../domain/messaging/message-lifecycle';
import { getOwn } from '../../../domain/messaging/own-record';
import { knownPageRefs } from '../../../domain/messaging/store/known-pages';
import { pagesOfFriend } from '../../../domain/messaging/store/page-ref';
import { deleteKind, editKind, reactionKind, textKind, timerKind } from '../use-cases/record-kinds';
import { Clock } from '../../ports/clock';
import { FileSink } from '../../ports/file-sink';
import { ExpiryLoop } from './expiry-loop';
import { LiveSync, LiveSyncOptions } from './live-sync';
import { measureMessageBody } from '../peers/message-size';
import { ResendLoop } from './resend-loop';
import { FriendDeliveries, sessionEnded } from './friend-deliveries';
import { InTurn } from './in-turn';
import { findLinkByHandshake } from '../../../domain/messaging/document-updates';
import {
  AccountOverview,
  CaptchaSolver,
  ConversationEntry,
  DownloadWatch,
  EndFriendshipOptions,
  FileDownload,
  FileSave,
  FileProgress,
  FileToSend,
  FriendRequestWatch,
  Draft,
  LogOutOptions,
  MessengerError,
  MessageRoom,
  MessengerSession,
  PendingUploadView,
  UploadWaiting,
  UploadWatch,
  ProgressListener,
  SearchOptions,
  SearchResult,
  SendOptions,
  SessionEndReason,
  Unsubscribe,
} from '../messenger';
import { SignedInAccount } from './signed-in-account';
import { olderHistoryRemains } from './unopened-history';
import { SendMessageInput } from '../use-cases/send-message';
import { LinksClosed } from '../use-cases/sync-inbox';
import { RemoveFriend } from '../use-cases/remove-friend';
import { KeptDrafts } from '../drafts/kept-drafts';
import { MAX_CLEANUP_WRITES } from '../use-cases/delete-chat';
import { DeviceStorageDeadline, leftBehind } from './device-storage-deadline';
import { Deadline } from './deadline';
import { serverNotTold } from '../use-cases/log-out';
import { accountRecordsNotForgotten, cachedHistoryNotDeleted, draftsNotDeleted, draftsNotRead, signInNotForgotten, signInNotKept, unsentFilesNotDeleted } from './device-storage-failures';

const sessionEndedError = (details: MessengerError['details'] = {}): MessengerError => {
  const { code, message } = sessionEnded().error;
  return new MessengerError(code, message, details);
};

const unwrap = <T>(result: Result<T, ClientError>): T => {
  if (!result.ok) {
    const { code, message, friend, unrecorded } = result.error;
    throw new MessengerError(code, message, { ...(friend === undefined ? {} : { friend }), ...(unrecorded ? { unrecorded } : {}) });
  }
  return result.value;
};

/** What "Stay signed in" kept on this device for the account, if anything. */
export interface KeptSignIn {
  forget(): Promise<void>;
  /** Keeps the account's current keys in place of those kept, where the kept sign-in is this account's. */
  renew(): Promise<void>;
}

const NOTHING_KEPT: KeptSignIn = { forget: async () => undefined, renew: async () => undefined };

/** Delivery marks are written once sending has paused this long, so a burst of messages shares one write. */
const DELIVERY_MARK_DELAY_MS = 1000;

/**
 * One logged-in account behind the MessengerSession facade. The decrypted blob stays in memory;
 * operations run one at a time, so this device never races itself for the blob (other devices
 * are handled by If-Match and merging). What waits on a friend's server runs beside that queue
 * (FriendDeliveries), so a friend's server that never answers holds up nothing else.
 */
export class ClientSession implements MessengerSession {
  private readonly listeners = new Set<(overview: AccountOverview) => void>();
  private readonly errorListeners = new Set<(error: Error | null) => void>();
  /** A background failure was reported and no sync has succeeded since. */
  private backgroundFailing = false;
  private readonly endListeners = new Set<(reason: SessionEndReason, leftBehind: readonly MessengerError[]) => void>();
  private readonly liveStops = new Set<Unsubscribe>();
  private readonly resendLoop: ResendLoop;
  private readonly expiryLoop: ExpiryLoop;
  private queue: Promise<unknown> = Promise.resolve();
  /** Handshakes whose sender this session has looked up already: never twice on a stranger's behalf. */
  private readonly lookedUp = new Set<string>();
  private markTimer: ReturnType<typeof setTimeout> | null = null;
  /** A blob write in its turn, for work outside the queue; nothing is written once the session has ended. */
  private readonly inTurn: InTurn = (write) =>
    this.enqueue(() => (this.account.closed ? Promise.resolve(sessionEnded()) : write()));
  private readonly deliveries: FriendDeliveries;

  constructor(
    private readonly account: SignedInAccount,
    private readonly useCases: ClientUseCases,
    private readonly liveOptions: LiveSyncOptions,
    private readonly clock: Clock,
    /** Bounds each wait on this device's storage between the user and the next screen. */
    private readonly within: DeviceStorageDeadline,
    /** Bounds the wait on the user's own server when logging out. */
    private readonly logOutWithin: Deadline,
    /** What "Stay signed in" kept: forgotten on logout, deletion and revocation, given the new keys on a password change. */
    private readonly keptSignIn: KeptSignIn = NOTHING_KEPT,
    /** Where this device keeps the account's unsent text; null: nowhere. */
    private readonly drafts: KeptDrafts | null = null,
    readonly keptSignInFailure: MessengerError | null = null,
  ) {
    account.listen({
      changed: () => this.emit(),
      revoked: () => {
        this.stopLive();
        // What was typed waits for the next sign-in, under the same store key.
        this.drafts?.close();
        // Said with the end, where the user lands: a warning shown in the session ending now would only flash.
        void this.forgetKeptSignIn().then((failure) => {
          const left = failure === null ? [] : [failure];
          for (const listener of this.endListeners) listener('revoked', left);
        });
      },
    });
    this.deliveries = new FriendDeliveries(account, useCases, this.inTurn);
    this.resendLoop = new ResendLoop(
      {
        hasWork: () => !this.account.closed && retryableMessages(this.account.doc).some((message) => !this.deliveries.isInFlight(keyOfMessage(message))),
        resend: () =>
          this.deliveries.retry().then(unwrap).then(
            (report) => report.delivered.length > 0 || report.stillFailing === 0,
            (error: unknown) => {
              this.reportUnlessEnded(error);
              return false;
            },
          ),
      },
      liveOptions,
    );
    this.expiryLoop = new ExpiryLoop(
      {
        nextDeadline: () => (this.account.closed ? null : nextExpiry(this.account.shownDocument)),
        expire: () =>
          this.run(() => this.useCases.removeExpiredMessages.execute(this.account)).catch((error: unknown) => this.reportBackgroundError(error)),
      },
      { sleep: liveOptions.sleep, now: () => this.clock.now() },
    );
  }

  get address(): string {
    return this.account.address;
  }

  overview(): AccountOverview {
    return accountOverview(this.account);
  }

  onChange(listener: (overview: AccountOverview) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  onBackgroundError(listener: (error: Error | null) => void): Unsubscribe {
    this.errorListeners.add(listener);
    return () => {
      this.errorListeners.delete(listener);
    };
  }

  async sync(): Promise<void> {
    await this.takeInInbox();
    await this.deliverOwed();
  }

  /**
   * The sync's part on our own server, in the queue; what it leaves owed to friends' servers is the caller's, but for
   * the friends it closed as blocked, told in their lanes without waiting (a courtesy, as removeFriend's).
   */
  private async takeInInbox(): Promise<void> {
    const linksClosed: LinksClosed = (notices) => {
      for (const address of new Set(notices.map((owed) => owed.address))) {
        const ended = { address, notices: notices.filter((owed) => owed.address === address).map((owed) => owed.notice) };
        void this.deliveries.after(address, () => this.useCases.blockContact.tell(ended)).catch((error: unknown) => this.reportUnlessEnded(error));
      }
    };
    await this.run(() => this.useCases.syncInbox.execute(this.account, { friendsLater: { linksClosed } }));
    this.reportRecovery();
    void this.checkAnsweredSenders().catch((error: unknown) => this.reportBackgroundError(error));
  }

  /** Each friend's acceptance or confirmation goes before their messages (their lane keeps that order); friends do not wait for each other. */
  private async deliverOwed(): Promise<void> {
    const [replies, resent] = await Promise.all([this.deliveries.replies(), this.deliveries.retry()]);
    unwrap(replies);
    unwrap(resent);
  }

  async checkSender(requestId: string): Promise<void> {
    const claim = pendingClaimToCheck(this.account.doc, requestId);
    if (claim === null) return;
    this.lookedUp.add(claim.handshakeId);
    await this.lookUpAndRecord([claim]);
  }

  async checkAnsweredSenders(): Promise<void> {
    const claims = answeredClaimsToCheck(this.account.doc).filter((claim) => !this.lookedUp.has(claim.handshakeId));
    if (claims.length === 0) return;
    for (const claim of claims) this.lookedUp.add(claim.handshakeId);
    await this.lookUpAndRecord(claims);
  }

  /** The lookups run outside the queue (a stranger's server may be slow); only the blob write is queued. */
  private async lookUpAndRecord(claims: readonly SenderClaim[]): Promise<void> {
    const checked = await this.useCases.checkRequestSenders.lookUp(claims);
    if (this.account.closed) return;
    await this.run(() => this.useCases.checkRequestSenders.record(this.account, checked));
  }

  onEnded(listener: (reason: SessionEndReason, leftBehind: readonly MessengerError[]) => void): Unsubscribe {
    this.endListeners.add(listener);
    return () => {
      this.endListeners.delete(listener);
    };
  }

  goLive(): Unsubscribe {
    const live = new LiveSync(
      this.account,
      // The next inbox event is taken in without waiting for what this sync owes friends' servers.
      () =>
        this.takeInInbox().then(() => {
          void this.deliverOwed().catch((error: unknown) => this.reportUnlessEnded(error));
        }),
      (version) => this.run(() => this.useCases.refreshBlob.execute(this.account, version)),
      (error) => this.reportBackgroundError(error),
      this.liveOptions,
    );
    const stopLive = live.start();
    const stopResending = this.resendLoop.start();
    const stopExpiring = this.expiryLoop.start();
    const stop = () => {
      stopLive();
      stopResending();
      stopExpiring();
    };
    this.liveStops.add(stop);
    return () => {
      this.liveStops.delete(stop);
      stop();
    };
  }

  sendFriendRequest(address: string, note: string, solveCaptcha: CaptchaSolver, watch: FriendRequestWatch = {}): Promise<void> {
    return this.run(() => this.useCases.sendFriendRequest.execute(this.account, { to: address, note, solveCaptcha, ...watch }));
  }

  async acceptFriendRequest(requestId: string, options: { readonly deliverInBackground?: boolean } = {}): Promise<void> {
    await this.run(() => this.useCases.acceptFriendRequest.execute(this.account, requestId, { deliverLater: true }));
    const friend = findLinkByHandshake(this.account.doc, requestId)?.address;
    if (friend === undefined) return;
    const delivery = this.deliveries.replies(friend).then(unwrap);
    if (options.deliverInBackground !== true) return delivery;
    void delivery.catch((error: unknown) => this.reportUnlessEnded(error));
  }

  declineFriendRequest(requestId: string): Promise<void> {
    return this.run(() => this.useCases.declineFriendRequest.execute(this.account, requestId));
  }

  removeFriend(address: string, options: EndFriendshipOptions = {}): Promise<void> {
    return this.endFriendship(this.useCases.removeFriend, address, options);
  }

  blockContact(address: string, options: EndFriendshipOptions = {}): Promise<void> {
    return this.endFriendship(this.useCases.blockContact, address, options);
  }

  private async endFriendship(useCase: RemoveFriend, address: string, options: EndFriendshipOptions): Promise<void> {
    const ended = await this.run(() => useCase.end(this.account, address));
    const told = this.deliveries.after(ended.address, () => useCase.tell(ended));
    if (options.tellInBackground !== true) return told;
    void told.catch((error: unknown) => this.reportUnlessEnded(error));
  }

  unblockContact(address: string): Promise<void> {
    return this.run(() => this.useCases.unblockContact.execute(this.account, address));
  }

  async deleteChat(address: string): Promise<void> {
    await this.run(() => this.useCases.deleteChat.execute(this.account, address));
    const friend = canonicalizeAddress(address);
    // The chat is gone either way: a sealed draft the device failed to delete is reported, not thrown.
    const drafts = this.drafts;
    if (friend.ok && drafts !== null) await this.within(() => drafts.keep(friend.value, { text: '' }), draftsNotDeleted).catch(() => this.reportBackgroundError(draftsNotDeleted()));
    // Freeing its pages and files may take many writes, each waiting its turn, so what is sent or synced meanwhile does not
    // wait for all of them; what fails here the next syncs go on with.
    for (let write = 0; write < MAX_CLEANUP_WRITES; write++) {
      const more = await this.run(() => this.useCases.deleteChat.freeSome(this.account)).catch((error: unknown) => {
        this.reportBackgroundError(error);
        return false;
      });
      if (!more) break;
    }
  }

  conversation(address: string): readonly ConversationEntry[] {
    return conversationEntries(this.account.shownDocument, address, this.clock.now());
  }

  async loadOlder(address: string): Promise<boolean> {
    const friend = canonicalizeAddress(address);
    if (!friend.ok) throw new MessengerError('invalid_address', `Not an address: ${address}`);
    return this.run(() => this.useCases.loadOlderMessages.execute(this.account, friend.value));
  }

  hasOlder(address: string): boolean {
    const friend = canonicalizeAddress(address);
    return friend.ok && olderHistoryRemains(this.account, friend.value);
  }

  async search(query: string, options?: SearchOptions): Promise<readonly SearchResult[]> {
    return unwrap(await this.useCases.searchHistory.execute(this.account, query, options));
  }

  async markRead(address: string): Promise<void> {
    const receipts = await this.recordForDelivery(() => this.useCases.markConversationRead.record(this.account, address));
    // Reading itself succeeded once recorded: the receipts go in the friend's lane, and one that did not go out is resent later.
    for (const key of receipts) void this.deliveries.deliver(key).catch((error: unknown) => this.reportUnlessEnded(error));
  }

  sendMessage(address: string, body: string, options: SendOptions = {}): Promise<void> {
    return this.send({ to: address, body, kind: textKind(options, this.hasUnopenedHistory(address)) });
  }

  reply(address: string, targetId: string, body: string): Promise<void> {
    return this.sendMessage(address, body, { replyTo: targetId });
  }

  editMessage(address: string, messageId: string, body: string): Promise<void> {
    return this.send({ to: address, body, kind: editKind(messageId, this.hasUnopenedHistory(address)) });
  }

  react(address: string, targetId: string, emoji: string): Promise<void> {
    return this.send({ to: address, body: '', kind: reactionKind(targetId, emoji, this.hasUnopenedHistory(address)) });
  }

  setDisappearingTimer(address: string, seconds: number | null): Promise<void> {
    return this.send({ to: address, body: '', kind: timerKind(seconds) });
  }

  setReadReceipts(on: boolean): Promise<void> {
    return this.run(() => this.useCases.setReadReceipts.execute(this.account, on));
  }

  /**
   * Whether a message a record names may be in pages (or indexes) this device has not opened yet.
   * Unlike olderHistoryRemains, a damaged page counts: the named message may be in it.
   */
  private hasUnopenedHistory(address: string): boolean {
    const friend = canonicalizeAddress(address);
    if (!friend.ok) return false;
    const { head, indexes } = this.account;
    return (
      pagesOfFriend(knownPageRefs(head, indexes), friend.value).some((page) => !this.account.hasOpenedPage(page.id)) ||
      pagesOfFriend(head.indexes, friend.value).some((index) => !this.account.hasOpenedIndex(index.id))
    );
  }

  private async send(input: SendMessageInput): Promise<void> {
    try {
      unwrap(await this.deliveries.deliver(await this.recordMessage(input)));
    } finally {
      this.writeDeliveryMarksSoon();
    }
  }

  /** Done once recorded: the message goes in the friend's lane, and one that did not go out is resent later. */
  private async sendInBackground(input: SendMessageInput): Promise<void> {
    this.deliverInBackground(await this.recordMessage(input));
  }

  /** Delivers a recorded and claimed message in the friend's lane, waited for by nobody. */
  private deliverInBackground(key: MessageKey): void {
    void this.deliveries
      .deliver(key)
      .then(() => this.writeDeliveryMarksSoon())
      .catch((error: unknown) => this.reportUnlessEnded(error));
  }

  private recordMessage(input: SendMessageInput): Promise<MessageKey> {
    const { kind } = input;
    // The message a record names may be an older one, shown from an opened page rather than the tail.
    const withShown: SendMessageInput =
      kind === undefined ? input : { ...input, kind: (doc, friend, messageAt) => kind(doc, friend, (key) => messageAt(key) ?? getOwn(this.account.shownDocument.messages, key)) };
    return this.recordForDelivery(() => this.useCases.sendMessage.record(this.account, withShown));
  }

  async sendFiles(
    address: string,
    files: readonly FileToSend[],
    onProgress?: (progress: FileProgress) => void,
    signal?: AbortSignal,
    onWaiting?: (waiting: UploadWaiting | null) => void,
  ): Promise<void> {
    this.assertOpen();
    const watch = { ...(onProgress === undefined ? {} : { onProgress }), ...(signal === undefined ? {} : { signal }), ...(onWaiting === undefined ? {} : { onWaiting }) };
    // Outside the queue: an upload takes minutes, and syncs and messages go on meanwhile.
    await this.useCases.resumableUploads.send(this.account, address, files, (input) => this.send(input), watch);
  }

  pendingUploads(): Promise<readonly PendingUploadView[]> {
    return this.useCases.resumableUploads.pending(this.account);
  }

  async resumeUpload(id: string, watch?: UploadWatch): Promise<void> {
    this.assertOpen();
    await this.useCases.resumableUploads.resume(this.account, id, (input) => this.send(input), watch);
  }

  cancelUpload(id: string): Promise<void> {
    return this.useCases.resumableUploads.cancel(this.account, id);
  }

  async downloadFile(address: string, messageId: string, fileIndex: number, watch: DownloadWatch = {}): Promise<FileDownload> {
    this.assertOpen();
    return unwrap(await this.useCases.downloadFile.execute(this.account, { friend: address, messageId, fileIndex, ...watch }));
  }

  async downloadFileTo(address: string, messageId: string, fileIndex: number, sink: FileSink, watch: DownloadWatch = {}): Promise<FileSave> {
    this.assertOpen();
    return unwrap(await this.useCases.downloadFile.executeInto(this.account, { friend: address, messageId, fileIndex, ...watch }, sink));
  }

  measureMessage(body: string): MessageRoom {
    return measureMessageBody(body, this.account.limits.envelopeBytes);
  }

  async keptDrafts(): Promise<ReadonlyMap<string, Draft> | null> {
    this.assertOpen();
    if (this.drafts === null) return null;
    const drafts = this.drafts;
    const kept = await this.within(() => drafts.all(), draftsNotRead);
    // A chat deleted on another device: what was typed for it here goes too, or a later friendship with them would open with it.
    const deleted = [...kept.keys()].filter((friend) => {
      const record = getOwn(this.account.head.friends, friend);
      return record !== undefined && isChatDeleted(record);
    });
    // As for a record that does not open, a store that fails to delete one is tried again at the next sign-in.
    await this.within(() => Promise.all(deleted.map((friend) => drafts.keep(friend, { text: '' }))), draftsNotDeleted).catch(() => undefined);
    return deleted.length === 0 ? kept : new Map([...kept].filter(([friend]) => !deleted.includes(friend)));
  }

  async keepDraft(address: string, draft: Draft): Promise<void> {
    const friend = canonicalizeAddress(address);
    if (!friend.ok) throw new MessengerError('invalid_address', `Not an address: ${address.slice(0, 80)}`);
    this.assertOpen();
    await this.drafts?.keep(friend.value, draft);
  }

  retryUnsent(): void {
    this.resendLoop.poke();
  }

  async retryMessage(address: string, messageId: string): Promise<void> {
    const friend = canonicalizeAddress(address);
    if (!friend.ok) throw new MessengerError('invalid_address', `Not an address: ${address}`);
    this.assertOpen();
    const report = unwrap(await this.deliveries.retry(messageKey('out', friend.value, messageId)));
    if (report.stillFailing > 0) throw new MessengerError('network_error', `${address}'s server could not be reached.`, { friend: friend.value });
  }

  async deleteMessage(address: string, messageId: string): Promise<void> {
    const friend = canonicalizeAddress(address);
    const unsent = friend.ok ? await this.deleteIfUnsent(address, messageKey('out', friend.value, messageId), messageId) : null;
    if (unsent?.deleted === true) {
      if (unsent.takeBack !== null) this.deliverInBackground(unsent.takeBack);
      return;
    }
    // Deleted here once recorded, on every device of ours: the friend's server is told after what already waits for them.
    return this.sendInBackground({ to: address, body: '', kind: deleteKind(messageId, this.hasUnopenedHistory(address)) });
  }

  /**
   * A message that failed is deleted at once, and shown deleted nowhere. Yet a drop of it may have reached the friend
   * (under way still, its answer lost, or its outcome not written down), and its seq was used: the `delete` that takes
   * it back at theirs, and fills that seq, is recorded with the deletion and claimed in the same turn (`takeBack`), so
   * it goes after what waits in their lane (a resend of it under way), or from the next session should this one end first.
   */
  private deleteIfUnsent(address: string, key: MessageKey, id: string): Promise<{ readonly deleted: boolean; readonly takeBack: MessageKey | null }> {
    return this.run(async (): Promise<Result<{ deleted: boolean; takeBack: MessageKey | null }, ClientError>> => {
      // As the chat shows it: one refused for good may be in a page by now.
      const message = getOwn(this.account.shownDocument.messages, key);
      if (message === undefined || deliveryStatus(message) !== 'failed') return ok({ deleted: false, takeBack: null });
      const done = await this.useCases.deleteUnsentMessage.execute(this.account, { friend: address, id });
      if (!done.ok) return done;
      if (done.value !== null) this.deliveries.claim(done.value);
      return ok({ deleted: true, takeBack: done.value });
    });
  }

  safetyNumber(address: string): Promise<string> {
    return this.run(() => this.useCases.computeSafetyNumber.execute(this.account, address));
  }

  markSafetyNumberVerified(address: string, verified: boolean): Promise<void> {
    return this.run(() => this.useCases.markSafetyNumberVerified.execute(this.account, { address, verified }));
  }

  setOpenInbox(open: boolean): Promise<void> {
    return this.run(() => this.useCases.setOpenInbox.execute(this.account, open));
  }

  refreshOpenInbox(): Promise<void> {
    return this.run(() => this.useCases.refreshOpenInbox.execute(this.account));
  }

  async changePassword(currentPassword: string, newPassword: string, onProgress?: ProgressListener): Promise<readonly MessengerError[]> {
    await this.run(() =>
      this.useCases.changePassword.execute(this.account, { currentPassword, newPassword, ...(onProgress ? { progress: onProgress } : {}) }),
    );
    // The password changed either way: a storage failing to keep the new keys is said to the caller, who words it now.
    const notKept = await leftBehind(this.within, () => this.keptSignIn.renew(), signInNotKept);
    return notKept === null ? [] : [notKept];
  }

  async exportData(): Promise<string> {
    return this.run(() => this.useCases.exportData.execute(this.account));
  }

  async deleteAccount(password: string): Promise<readonly MessengerError[]> {
    const deleted = await this.run(() => this.useCases.deleteAccount.end(this.account, password));
    // The account is gone: its friends are told in the background, one try each (there are no keys left to try again
    // with), so a friend's server that never answers does not keep the user on a screen of an account that no longer exists.
    void this.useCases.deleteAccount.tell(deleted).catch((error: unknown) => this.reportUnlessEnded(error));
    // The account is gone either way, and with it what the kept sign-in and drafts could open: said to the caller, which
    // words it where the user lands, not thrown, nor reported in the session ending, where it would only flash.
    // Nothing of a deleted account stays on the device, its cached history and unsent files included; what its storage
    // fails to delete is sealed with keys that no longer exist, so each one goes on with the others.
    // At once, so a storage that never answers keeps the user waiting one deadline, not one for each store.
    const left = [
      ...(await Promise.all([this.forgetKeptSignIn(), this.forgetDrafts(), this.forgetCachedHistory(), this.forgetUnsentFiles()])),
      deleted.recordsKept ? accountRecordsNotForgotten() : null,
    ];
    this.stopLive();
    return left.filter((failure) => failure !== null);
  }

  async logOut(options: LogOutOptions = {}): Promise<readonly MessengerError[]> {
    // Ended already (by the server, or by an earlier log-out): the user is out all the same, and there is nothing to revoke.
    const endedBefore = this.account.closed;
    this.stopLive();
    // Out of this device at once, whatever the server does: no work starts from here, no session is renewed.
    this.account.end();
    // Said to the caller, which words it where the user lands: a warning shown in the session ending now would only flash.
    // This device first, before its keys are wiped (the upload stores are opened with them); at once, so a storage that
    // never answers keeps the user waiting one deadline, not one for each store.
    const left = await Promise.all([this.forgetKeptSignIn(), this.forgetDrafts(), ...(options.forgetBrowser === true ? [this.forgetUnsentFiles()] : [])]);
    if (!endedBefore) left.push(await this.endAtServer());
    // After the log-out's own write, which may cache what it sealed.
    if (options.forgetBrowser === true) left.push(await this.forgetCachedHistory());
    return left.filter((kept) => kept !== null);
  }

  /**
   * Writes what is unsaved and revokes the session at the server, in turn, and forgets the keys after; waited for until
   * the deadline only, past which nothing more goes to the server. The server not told is said, never thrown: the
   * session has ended here either way.
   */
  private async endAtServer(): Promise<MessengerError | null> {
    const late = new AbortController();
    const loggedOut = this.enqueue(() => this.useCases.logOut.execute(this.account, late.signal));
    const told = await this.logOutWithin(
      () => loggedOut,
      () => new MessengerError('server_session_kept', serverNotTold('it did not answer in time')),
    ).then(
      (outcome) => (outcome.ok ? null : new MessengerError(outcome.error.code, outcome.error.message)),
      (failure: unknown) => {
        if (failure instanceof MessengerError) return failure;
        throw failure;
      },
    );
    late.abort();
    return told;
  }

  /** A device store failing to forget the kept sign-in must not keep the user from leaving; the server session still ends. */
  private forgetKeptSignIn(): Promise<MessengerError | null> {
    return leftBehind(this.within, () => this.keptSignIn.forget(), signInNotForgotten);
  }

  /** Kept drafts are sealed: a device store that fails to delete them must not keep the user from leaving. */
  private forgetDrafts(): Promise<MessengerError | null> {
    return leftBehind(this.within, () => this.drafts?.forgetAll(), draftsNotDeleted);
  }

  /** The cached history is sealed too: a device store that fails to delete it must not keep the user from leaving. */
  private forgetCachedHistory(): Promise<MessengerError | null> {
    return leftBehind(this.within, () => this.account.objectCache.forget(), cachedHistoryNotDeleted);
  }

  /** Files kept to send are sealed too: a device store that fails to delete them must not keep the user from leaving. */
  private forgetUnsentFiles(): Promise<MessengerError | null> {
    return leftBehind(this.within, () => this.useCases.resumableUploads.forgetDevice(this.account), unsentFilesNotDeleted);
  }

  /** Records in the queue what is to go to friends' servers, claimed in the same turn so that no resend picks it up first. */
  private recordForDelivery<K extends MessageKey | readonly MessageKey[]>(record: () => Promise<Result<K, ClientError>>): Promise<K> {
    return this.run(async () => {
      const recorded = await record();
      if (recorded.ok) for (const key of typeof recorded.value === 'string' ? [recorded.value] : recorded.value) this.deliveries.claim(key);
      return recorded;
    });
  }

  private assertOpen(): void {
    if (this.account.closed) throw sessionEndedError();
  }

  /** Serializes operations of this session; a failed one does not block the next. */
  private run<T>(operation: () => Promise<Result<T, ClientError>>): Promise<T> {
    // Nothing was stored: a message being sent stays with the caller.
    const ended = () => sessionEndedError({ unrecorded: true });
    // At once, not behind a log-out still waiting on the server.
    if (this.account.closed) return Promise.reject(ended());
    return this.enqueue(() => {
      if (this.account.closed) throw ended();
      return operation();
    }).then(unwrap);
  }

  private enqueue<T>(operation: () => Promise<Result<T, ClientError>>): Promise<Result<T, ClientError>> {
    const result = this.queue.then(operation);
    this.queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /** Other devices learn that a message went out only from a blob write: make one shortly. */
  private writeDeliveryMarksSoon(): void {
    if (this.markTimer !== null) clearTimeout(this.markTimer);
    this.markTimer = null;
    if (!this.account.unsaved) return;
    this.markTimer = setTimeout(() => {
      this.markTimer = null;
      if (this.account.closed || !this.account.unsaved) return;
      this.run(() => this.useCases.writePendingChanges.execute(this.account)).catch((error: unknown) => this.reportBackgroundError(error));
    }, DELIVERY_MARK_DELAY_MS);
  }

  private stopLive(): void {
    for (const stop of this.liveStops) stop();
    this.liveStops.clear();
    // Logging out saves the marks itself; after a deletion or revocation there is nothing to write to.
    if (this.markTimer !== null) clearTimeout(this.markTimer);
    this.markTimer = null;
  }

  private emit(): void {
    // Any change may start a countdown (a message sent, read, or received from another device).
    this.expiryLoop.poke();
    if (this.listeners.size === 0) return;
    const overview = this.overview();
    for (const listener of this.listeners) listener(overview);
  }

  private reportBackgroundError(error: unknown): void {
    this.backgroundFailing = true;
    const reported = error instanceof Error ? error : new Error(`Background work failed: ${String(error)}`);
    for (const listener of this.errorListeners) listener(reported);
  }

  /** Work that went on beside the session: once the session has ended, its failure is nobody's news. */
  private reportUnlessEnded(error: unknown): void {
    if (!this.account.closed) this.reportBackgroundError(error);
  }

  private reportRecovery(): void {
    if (!this.backgroundFailing) return;
    this.backgroundFailing = false;
    for (const listener of this.errorListeners) listener(null);
  }
}
