import { ClientCrypto } from '../../ports/client-crypto';
import { DraftStore } from '../../ports/draft-store';
import { Draft, isEmptyDraft, MessengerError } from '../messenger';
import { isValidMessageId } from '../../../domain/messaging/message';
import { DraftKeys, deriveDraftKeys, draftName, openDraft, sealDraft } from './draft-seal';

/**
 * One signed-in account's drafts on this device, sealed under keys that live only as long as the
 * session. Operations run in order, so a draft kept just before logging out is deleted with the rest.
 */
export class KeptDrafts {
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly keys: Promise<DraftKeys>;

  constructor(
    private readonly crypto: Pick<ClientCrypto, 'hkdf' | 'cipher' | 'random' | 'digest'>,
    private readonly store: DraftStore,
    private readonly account: string,
    /** A copy of the account's store key, wiped once the draft keys are derived. */
    storeKey: Uint8Array,
  ) {
    this.keys = deriveDraftKeys(crypto.hkdf, storeKey, account).finally(() => storeKey.fill(0));
  }

  /**
   * Every draft of the account that opens, by friend. One that does not (an earlier account's at this
   * address, a damaged one) is never an error: no session can open it again, so it is deleted.
   */
  all(): Promise<ReadonlyMap<string, Draft>> {
    return this.run(async (keys) => {
      const drafts = new Map<string, Draft>();
      const unopened: string[] = [];
      for (const sealed of await this.store.list(this.account)) {
        const opened = await openDraft(this.crypto, keys, this.account, sealed);
        if (opened === null) unopened.push(sealed.name);
        else {
          const { friend, ...draft } = opened;
          if (!isEmptyDraft(draft)) drafts.set(friend, draft);
        }
      }
      // A store that fails to delete one must not keep the drafts that open from coming back: the next sign-in tries again.
      await Promise.all(unopened.map((name) => this.store.remove(this.account, name))).catch(() => undefined);
      return drafts;
    });
  }

  /** `friend` is canonical; an empty draft removes it. A message id that could not open again is refused before anything is written. */
  keep(friend: string, draft: Draft): Promise<void> {
    const ids = [draft.replyTo, draft.edit?.messageId].filter((id) => id !== undefined);
    if (!ids.every(isValidMessageId)) return Promise.reject(new MessengerError('unknown_message', 'A draft can only reply to or edit a message of the conversation.'));
    return this.run(async (keys) => {
      if (isEmptyDraft(draft)) await this.store.remove(this.account, await draftName(this.crypto.digest, keys, friend));
      else await this.store.put(this.account, await sealDraft(this.crypto, keys, this.account, { ...draft, friend }));
    });
  }

  /** Deletes every draft of the account (after what is already queued) and forgets the keys. */
  async forgetAll(): Promise<void> {
    // Needs no keys: logging out of a session that had already ended (closed) deletes them all the same.
    const forgetting = this.queue.then(() => this.store.forgetAccount(this.account));
    this.queue = forgetting.catch(() => undefined);
    this.close();
    await forgetting;
  }

  /** Forgets the keys and refuses what comes next; the drafts stay for the next sign-in. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    void this.queue.then(() => this.keys.then(wipe, () => undefined));
  }

  private run<T>(operation: (keys: DraftKeys) => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new MessengerError('unauthorized', 'This session has ended. Log in again.'));
    const result = this.queue.then(async () => operation(await this.keys));
    this.queue = result.catch(() => undefined);
    return result;
  }
}

const wipe = (keys: DraftKeys): void => {
  keys.seal.fill(0);
  keys.name.fill(0);
};
