import { BlobDocument, withVersion } from '../../../domain/messaging/blob-document';
import { isNearCap } from '../../../domain/messaging/blob-size';
import { settleMessages } from '../../../domain/messaging/message-lifecycle';
import { ok, Result } from '../../../domain/protocol/result';
import { blobPlaintextBytes, serializeBlobPlaintext } from '../protocol/blob-plaintext';
import { ClientDependencies } from '../client-dependencies';
import { ClientError, clientError, fromGateway } from '../client-error';
import { LoadBlob } from './load-blob';
import { SignedInAccount } from './signed-in-account';
import { asOwner } from './owner-call';
import { encryptBlob } from '../protocol/blob-cipher';

/** A change of the document: pure apart from crypto, so it can run again on a fresher document. */
export type BlobChange<T, E> = (doc: BlobDocument) => Promise<Result<{ readonly doc: BlobDocument; readonly value: T }, E>>;

/** Other devices writing at the same moment are rare; with randomized backoff a few rounds settle any realistic race. */
export const MAX_WRITE_ATTEMPTS = 16;
const RETRY_DELAY_STEP_MS = 15;

/** nonce, GCM tag and the worst-case padding block on top of the plaintext. */
const CIPHERTEXT_OVERHEAD_BYTES = 12 + 16 + 256;

export interface SaveBlobOptions {
  /**
   * When set, a write whose plaintext reaches the near-cap share of the server's limit fails with
   * `blob_near_cap` and this message. Checked on the text about to be encrypted, so the document
   * is serialized once per attempt.
   */
  readonly nearCapMessage?: string;
}

/**
 * Applies a change to the account's blob and writes it with If-Match (PROTOCOL §4, §6). The new
 * plaintext carries the version it will have (If-Match + 1). On 412 the blob is re-read, merged
 * with what this device holds, and the change is applied again to that fresh document — never a
 * stale result merged on top, so an acceptance is never made twice and a seq never reused.
 */
export class SaveBlob {
  private readonly loadBlob: LoadBlob;

  constructor(private readonly deps: Pick<ClientDependencies, 'crypto' | 'localStore' | 'timer' | 'clock'>) {
    this.loadBlob = new LoadBlob(deps);
  }

  async execute<T, E>(account: SignedInAccount, change: BlobChange<T, E>, options: SaveBlobOptions = {}): Promise<Result<T, E | ClientError>> {
    const limit = account.limits.blobBytes;
    const { nearCapMessage } = options;
    for (let attempt = 1; ; attempt++) {
      const changed = await change(account.doc);
      if (!changed.ok) return changed;
      if (changed.value.doc === account.doc && !account.unsaved) {
        if (nearCapMessage !== undefined && isNearCap(blobPlaintextBytes(account.doc), limit)) return clientError('blob_near_cap', nearCapMessage);
        return ok(changed.value.value);
      }
      // Every write leaves out what §11 says must go (deleted, expired, replaced text), whatever the change was.
      const next = withVersion(settleMessages(changed.value.doc, this.deps.clock.now()), account.version + 1);
      const plaintext = serializeBlobPlaintext(next);
      if (nearCapMessage !== undefined && isNearCap(plaintext.bytes, limit)) return clientError('blob_near_cap', nearCapMessage);
      if (plaintext.bytes + CIPHERTEXT_OVERHEAD_BYTES > limit) {
        return clientError('blob_near_cap', 'Your data no longer fits on the server. Remove old conversations first.');
      }
      const ciphertext = await encryptBlob(this.deps.crypto, account.blobKey, account.name, plaintext.text);
      const written = await asOwner(account, (token) =>
        account.gateway.writeBlob(token, { expectedVersion: account.version, ciphertext }),
      );
      if (written.ok) {
        account.adoptSaved(next, written.value.version);
        await this.deps.localStore.recordBlobVersion(account.address, written.value.version);
        return ok(changed.value.value);
      }
      if (written.error.code !== 'version_conflict' || attempt >= MAX_WRITE_ATTEMPTS) {
        return fromGateway(written.error, 'Saving your data failed');
      }
      await this.backOff(attempt);
      const refreshed = await this.refresh(account);
      if (!refreshed.ok) return refreshed;
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

  /** Re-reads the blob after a conflict or to pick up other devices' writes, merging it in. */
  async refresh(account: SignedInAccount): Promise<Result<void, ClientError>> {
    const fresh = await asOwner(account, (token) => account.gateway.readBlob(token));
    if (!fresh.ok) return fromGateway(fresh.error, 'Reading your data failed');
    const loaded = await this.loadBlob.open(account, fresh.value.version, fresh.value.ciphertext);
    if (!loaded.ok) return loaded;
    if (loaded.value.version === account.version) return ok(undefined);
    account.mergeFromServer(loaded.value.doc, loaded.value.version);
    return ok(undefined);
  }
}

