import { BlobDocument, BLOB_FORMAT } from '../../../domain/messaging/blob-document';
import { isNearCap } from '../../../domain/messaging/blob-size';
import { releaseDeletedChatsOfTail, tailHoldsDeletedChats } from '../../../domain/messaging/deleted-chat-chunks';
import { chunksOfRemoved, expireSealedMessages, settleMessages, settlePagedTargets } from '../../../domain/messaging/message-lifecycle';
import { headForWrite } from '../../../domain/messaging/store/head-write';
import { withTailDocument } from '../../../domain/messaging/store/store-head';
import { ok, Result } from '../../../domain/protocol/result';
import { MAX_OBJECT_IDS, type ObjectChangesBody } from '../../../domain/protocol/wire';
import { ClientDependencies } from '../client-dependencies';
import { ClientError, clientError, fromGateway } from '../client-error';
import { encryptBlob } from '../protocol/blob-cipher';
import { headPlaintextBytes, serializeHeadPlaintext } from '../protocol/head-plaintext';
import { CompactionDue } from './compaction-due';
import { markOfHead } from './head-mark';
import { forgetReleasedPages } from './forget-released-pages';
import { FORK_WARNING, LoadBlob } from './load-blob';
import { joinObjects, withoutObjects } from './object-changes';
import { OpenPagesOfDeletedChats } from './open-pages-of-deleted-chats';
import { liveOpenedMessages, OpenPagesOfTargets } from './open-pages-of-targets';
import { asOwner } from './owner-call';
import { SealFoldOrCompact } from './seal-fold-or-compact';
import { SignedInAccount } from './signed-in-account';

/**
 * A change of the document: pure apart from crypto, so it can run again on a fresher document.
 * `objects`: store objects the same head write commits or claims (§8.2), e.g. a sent file's own
 * chunks and a received file's dropped ones (files, §9.2).
 */
export type BlobChange<T, E> = (
  doc: BlobDocument,
) => Promise<Result<{ readonly doc: BlobDocument; readonly value: T; readonly objects?: ObjectChangesBody }, E>>;

/** Other devices writing at the same moment are rare; with randomized backoff a few rounds settle any realistic race. */
export const MAX_WRITE_ATTEMPTS = 16;
const RETRY_DELAY_STEP_MS = 15;

/** nonce, GCM tag and the worst-case padding block on top of the plaintext. */
const CIPHERTEXT_OVERHEAD_BYTES = 12 + 16 + 256;

export interface SaveBlobOptions {
  /**
   * When set, a write whose plaintext reaches the near-cap share of the server's limit fails with
   * `blob_near_cap` and this message. Checked on the text about to be encrypted, so the head
   * is serialized once per attempt.
   */
  readonly nearCapMessage?: string;
}

/**
 * Applies a change to the account's head (through its tail document) and writes it with If-Match
 * (PROTOCOL §4, §8.2, §8.5). The new head carries the version it will have (If-Match + 1) and the
 * head it descends from in its fork log. When the tail passes its threshold, the oldest part is
 * sealed into one page, uploaded staged, and committed by this same write (§8.4's cost rule: one
 * head write and at most one page). On 412 the head is re-read, rebased with what this device
 * holds, and the change applied again to that fresh document — never a stale result merged on
 * top, so an acceptance is never made twice and a seq never reused. On 409 `object_missing` the
 * attempt is redone with a freshly sealed page.
 */
export class SaveBlob {
  private readonly loadBlob: LoadBlob;
  private readonly openPagesOfTargets: OpenPagesOfTargets;
  private readonly openPagesOfDeletedChats: OpenPagesOfDeletedChats;
  private readonly sealFoldOrCompact: SealFoldOrCompact;
  private readonly compactionDue = new CompactionDue();

  constructor(private readonly deps: Pick<ClientDependencies, 'crypto' | 'localStore' | 'timer' | 'clock'>) {
    this.loadBlob = new LoadBlob(deps);
    this.openPagesOfTargets = new OpenPagesOfTargets(deps);
    this.openPagesOfDeletedChats = new OpenPagesOfDeletedChats(deps);
    this.sealFoldOrCompact = new SealFoldOrCompact(deps);
  }

  async execute<T, E>(account: SignedInAccount, change: BlobChange<T, E>, options: SaveBlobOptions = {}): Promise<Result<T, E | ClientError>> {
    const limit = account.limits.blobBytes;
    const { nearCapMessage } = options;
    if (account.forked) return clientError('store_fork', FORK_WARNING);
    // Ids the server said it does not hold (§8.5 step 3): later attempts go without them.
    const missing = new Set<string>();
    for (let attempt = 1; ; attempt++) {
      const changed = await change(account.doc);
      if (!changed.ok) return changed;
      // An edit or delete of a message sealed in a page not open here: the page is opened, so this write (or a later one) rewrites it.
      if (attempt === 1) await this.openPagesOfTargets.execute(account, changed.value.doc.messages);
      // Pages still holding a deleted chat: opened, so this write (or a later one) compacts them away with their files.
      if (attempt === 1) await this.openPagesOfDeletedChats.execute(account);
      const now = this.deps.clock.now();
      // Sealed copies are only seen here: their tombstones make this write rewrite their pages without them.
      const expired = expireSealedMessages(changed.value.doc, Object.values(account.shownDocument.messages), now);
      const doc = settlePagedTargets(expired, () => liveOpenedMessages(account));
      if (doc === account.doc && !account.unsaved && !this.compactionDue.execute(account) && !tailHoldsDeletedChats(account.doc)) {
        if (nearCapMessage !== undefined && isNearCap(headPlaintextBytes(account.head), limit)) {
          return clientError('blob_near_cap', nearCapMessage);
        }
        return ok(changed.value.value);
      }
      // Every write leaves out what §11 says must go (deleted, expired, replaced text), whatever the change was.
      const settled = settleMessages(doc, now);
      const removedChunks = chunksOfRemoved(account.doc, settled, changed.value.doc.messages, account.shownDocument.messages);
      // §8.2: at most 1000 ids a list; what a deleted chat has no room for now goes in the next writes.
      const budget = MAX_OBJECT_IDS - removedChunks.length - (changed.value.objects?.release?.length ?? 0);
      const tail = releaseDeletedChatsOfTail(account.doc, settled, () => liveOpenedMessages(account), budget);
      const prepared = await this.sealFoldOrCompact.execute(account, withTailDocument(account.head, tail.doc), budget - tail.release.length);
      if (!prepared.ok) return prepared;
      const next = headForWrite(prepared.value.head, account.parent);
      const { text, bytes } = serializeHeadPlaintext(next);
      const staged = prepared.value.objects?.commit ?? [];
      if (nearCapMessage !== undefined && isNearCap(bytes, limit)) {
        await this.discard(account, staged);
        return clientError('blob_near_cap', nearCapMessage);
      }
      if (bytes + CIPHERTEXT_OVERHEAD_BYTES > limit) {
        await this.discard(account, staged);
        return clientError('blob_near_cap', 'Your data no longer fits on the server. Remove old conversations first.');
      }
      const ciphertext = await encryptBlob(this.deps.crypto, account.blobKey, account.name, text);
      const released = { release: [...removedChunks, ...tail.release] };
      const objects = withoutObjects(joinObjects(prepared.value.objects, changed.value.objects, released), missing);
      const written = await asOwner(account, (token) =>
        account.gateway.writeBlob(token, { expectedVersion: account.version, ciphertext, ...(objects === undefined ? {} : { objects }) }),
      );
      if (written.ok) {
        const mark = await markOfHead(this.deps.crypto, written.value.version, ciphertext);
        // Opened first, so the conversation never shows the sealed messages missing.
        if (prepared.value.page !== undefined) account.openPage(prepared.value.page.id, prepared.value.page.page);
        if (prepared.value.index !== undefined) account.openIndex(prepared.value.index.id, prepared.value.index.index);
        const previous = account.head;
        account.adoptSaved(next, mark);
        await forgetReleasedPages(account.objectCache, previous, next);
        await this.loadBlob.remember(account.address, mark);
        return ok(changed.value.value);
      }
      // Only these answers are known to have changed nothing; after any other, the page may be committed.
      const retryable = written.error.code === 'version_conflict' || written.error.code === 'object_missing';
      if (retryable) await this.discard(account, staged);
      if (!retryable || attempt >= MAX_WRITE_ATTEMPTS) return fromGateway(written.error, 'Saving your data failed');
      if (written.error.code === 'object_missing') {
        for (const id of written.error.missing ?? []) missing.add(id);
        // A page to release that the server no longer holds is no compaction candidate again.
        for (const id of written.error.missing ?? []) account.dropOpenedPage(id);
        continue;
      }
      await this.backOff(attempt);
      const refreshed = await this.refresh(account);
      if (!refreshed.ok) return refreshed;
    }
  }

  /**
   * A page the write did not commit: deleted at once rather than left to the server's 24-hour
   * expiry, best effort (a failure leaves it to that expiry). The next attempt seals its own page.
   */
  private async discard(account: SignedInAccount, staged: readonly string[]): Promise<void> {
    for (const id of staged) {
      await asOwner(account, (token) => account.gateway.deleteObject(token, id));
      await account.objectCache.drop(id);
    }
  }

  /** A random wait that grows with each lost race, so competing devices fall out of step. */
  backOff(attempt: number): Promise<void> {
    const spread = (this.deps.crypto.random.bytes(1)[0] ?? 0) / 255;
    return this.deps.timer.sleep(Math.round(spread * RETRY_DELAY_STEP_MS * Math.min(attempt, 8)));
  }

  /** Writes what `SignedInAccount.changeLater` left in memory. */
  flush(account: SignedInAccount): Promise<Result<void, ClientError>> {
    return this.execute<void, never>(account, async (doc) => ok({ doc, value: undefined }));
  }

  /** Re-reads the head after a conflict or to pick up other devices' writes, rebasing ours on it. */
  async refresh(account: SignedInAccount): Promise<Result<void, ClientError>> {
    const fresh = await asOwner(account, (token) => account.gateway.readBlob(token));
    if (!fresh.ok) return fromGateway(fresh.error, 'Reading your data failed');
    // The very head this device read or wrote last: already checked, nothing to decrypt or merge.
    if (fresh.value.version === account.version && (await markOfHead(this.deps.crypto, fresh.value.version, fresh.value.ciphertext)).hash === account.parent.mark.hash) {
      return ok(undefined);
    }
    const loaded = await this.loadBlob.open(account, fresh.value.version, fresh.value.ciphertext);
    if (!loaded.ok && loaded.error.code === 'store_fork') account.markForked();
    if (!loaded.ok) return loaded;
    if (loaded.value.version === account.version) return ok(undefined);
    const { stored } = loaded.value;
    if (stored.format === BLOB_FORMAT || stored.head.storeKey !== account.head.storeKey) {
      return clientError('bad_response', 'Your data on the server was replaced by another store; sign in again.');
    }
    const previous = account.head;
    account.mergeFromServer(stored.head, loaded.value.mark);
    await forgetReleasedPages(account.objectCache, previous, account.head);
    return ok(undefined);
  }
}
