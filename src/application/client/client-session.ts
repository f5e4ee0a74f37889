import { answeredClaimsToCheck, pendingClaimToCheck, SenderClaim } from '../../domain/messaging/incoming-requests';
import { ok, Result } from '../../domain/result';
import { accountSnapshot, conversationEntries } from './account-snapshot';
import { ClientError } from './client-error';
import { ClientUseCases } from './client-use-cases';
import { LiveSync, LiveSyncOptions } from './live-sync';
import {
  AccountSnapshot,
  CaptchaSolver,
  ConversationEntry,
  MessengerError,
  MessengerSession,
  ProgressListener,
  Unsubscribe,
} from './messenger';
import { OpenAccount } from './open-account';

const unwrap = <T>(result: Result<T, ClientError>): T => {
  if (!result.ok) throw new MessengerError(result.error.code, result.error.message);
  return result.value;
};

/**
 * One logged-in account behind the MessengerSession facade. The decrypted blob stays in memory;
 * operations run one at a time, so this device never races itself for the blob (other devices
 * are handled by If-Match and merging).
 */
export class ClientSession implements MessengerSession {
  private readonly listeners = new Set<(snapshot: AccountSnapshot) => void>();
  private readonly errorListeners = new Set<(error: unknown) => void>();
  private readonly liveStops = new Set<Unsubscribe>();
  private queue: Promise<unknown> = Promise.resolve();
  /** Handshakes whose sender this session has looked up already: never twice on a stranger's behalf. */
  private readonly lookedUp = new Set<string>();

  constructor(
    private readonly account: OpenAccount,
    private readonly useCases: ClientUseCases,
    private readonly liveOptions: LiveSyncOptions,
  ) {
    account.onChanged = () => this.emit();
  }

  get address(): string {
    return this.account.address;
  }

  snapshot(): AccountSnapshot {
    return accountSnapshot(this.account);
  }

  onChange(listener: (snapshot: AccountSnapshot) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Failures of background work (live sync): foreground calls throw instead. */
  onBackgroundError(listener: (error: unknown) => void): Unsubscribe {
    this.errorListeners.add(listener);
    return () => {
      this.errorListeners.delete(listener);
    };
  }

  async sync(): Promise<void> {
    await this.run(() => this.useCases.syncInbox.execute(this.account));
    void this.checkAnsweredSenders().catch((error: unknown) => this.reportBackgroundError(error));
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

  goLive(): Unsubscribe {
    const live = new LiveSync(this.account, () => this.sync(), (error) => this.reportBackgroundError(error), this.liveOptions);
    const stop = live.start();
    this.liveStops.add(stop);
    return () => {
      this.liveStops.delete(stop);
      stop();
    };
  }

  sendFriendRequest(address: string, note: string, solveCaptcha: CaptchaSolver): Promise<void> {
    return this.run(() => this.useCases.sendFriendRequest.execute(this.account, { to: address, note, solveCaptcha }));
  }

  acceptFriendRequest(requestId: string): Promise<void> {
    return this.run(() => this.useCases.acceptFriendRequest.execute(this.account, requestId));
  }

  declineFriendRequest(requestId: string): Promise<void> {
    return this.run(() => this.useCases.declineFriendRequest.execute(this.account, requestId));
  }

  removeFriend(address: string): Promise<void> {
    return this.run(() => this.useCases.removeFriend.execute(this.account, address));
  }

  conversation(address: string): readonly ConversationEntry[] {
    return conversationEntries(this.account.doc, address);
  }

  markRead(address: string): Promise<void> {
    return this.run(() => this.useCases.markConversationRead.execute(this.account, address));
  }

  sendMessage(address: string, body: string): Promise<void> {
    return this.run(() => this.useCases.sendMessage.execute(this.account, { to: address, body }));
  }

  safetyNumber(address: string): Promise<string> {
    return this.run(() => this.useCases.computeSafetyNumber.execute(this.account, address));
  }

  setOpenInbox(open: boolean): Promise<void> {
    return this.run(() => this.useCases.setOpenInbox.execute(this.account, open));
  }

  changePassword(currentPassword: string, newPassword: string, onProgress?: ProgressListener): Promise<void> {
    return this.run(() =>
      this.useCases.changePassword.execute(this.account, { currentPassword, newPassword, ...(onProgress ? { progress: onProgress } : {}) }),
    );
  }

  async exportData(): Promise<string> {
    return this.run(async () => ok(this.useCases.exportData.execute(this.account)));
  }

  async deleteAccount(password: string): Promise<void> {
    await this.run(() => this.useCases.deleteAccount.execute(this.account, password));
    this.stopLive();
  }

  async logOut(): Promise<void> {
    this.stopLive();
    await this.run(() => this.useCases.logOut.execute(this.account));
  }

  /** Serializes operations of this session; a failed one does not block the next. */
  private run<T>(operation: () => Promise<Result<T, ClientError>>): Promise<T> {
    const result = this.queue.then(() => {
      if (this.account.closed) throw new MessengerError('unauthorized', 'This session has ended. Log in again.');
      return operation();
    });
    this.queue = result.then(
      () => undefined,
      () => undefined,
    );
    return result.then(unwrap);
  }

  private stopLive(): void {
    for (const stop of this.liveStops) stop();
    this.liveStops.clear();
  }

  private emit(): void {
    if (this.listeners.size === 0) return;
    const snapshot = this.snapshot();
    for (const listener of this.listeners) listener(snapshot);
  }

  private reportBackgroundError(error: unknown): void {
    for (const listener of this.errorListeners) listener(error);
  }
}
