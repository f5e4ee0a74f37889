import { encodeB64u } from '../../../domain/protocol/encoding/b64u';
import { ClientDependencies } from '../client-dependencies';
import { ClientError } from '../client-error';
import { FileProgress, MessengerError, PendingUploadView, UploadWaiting, UploadWatch } from '../messenger';
import { SignedInAccount } from '../session/signed-in-account';
import { SendFiles } from '../use-cases/send-files';
import { SendMessageInput } from '../use-cases/send-message';
import { sizeOf } from './file-source';
import { PendingUpload, UploadStores } from './pending-uploads';
import { OutgoingFile } from './send-file-chunks';

const ID_BYTES = 16;
const FIRST_WAIT_MS = 1000;
const LONGEST_WAIT_MS = 15_000;

/** Worth waiting for: the server did not answer (down, restarting, the connection lost) or asked us to slow down. */
const isTransient = (code: string): boolean => code === 'network_error' || code === 'rate_limited';

const aborted = (signal: AbortSignal | undefined): boolean => signal?.aborted === true;

/** Our own server no longer takes this session (logged out, password changed): the next login goes on with the upload. */
const sessionEnded = (error: ClientError): boolean => error.code === 'unauthorized' && error.friend === undefined;

const waitingOf = (error: { readonly friend?: string | undefined }, to: string): UploadWaiting =>
  error.friend === undefined ? { server: 'own', friend: to } : { server: 'friend', friend: to };

/** `unrecorded`: the upload was forgotten with no message recorded, so nothing sends these files unless they are sent again. */
const thrown = (error: ClientError, unrecorded = false): MessengerError =>
  new MessengerError(error.code, error.message, { ...(error.friend === undefined ? {} : { friend: error.friend }), ...(unrecorded ? { unrecorded: true as const } : {}) });

/** Runs the session's message send; the session queues it with its other blob writes. */
export type SendMessageNow = (input: SendMessageInput) => Promise<void>;

/**
 * Uploads that outlive a reload and a lost connection (issue 15). Each message with files is kept
 * on this device (when it keeps any) before the first chunk goes, and forgotten once its message is
 * sent or the user cancels. While a server does not answer, the upload waits (longer each time)
 * and tries again; the journal, not a blind retry, decides which chunks still have to go.
 */
export class ResumableUploads {
  /** Uploads running in this session, which `pending` does not offer to resume. */
  private readonly running = new Set<string>();
  /** Copies being kept on the device, beside their upload: forgetting one waits for its keep to end. */
  private readonly keeping = new Map<string, Promise<void>>();

  constructor(
    private readonly deps: ClientDependencies,
    private readonly sendFiles: SendFiles,
    private readonly storesOf: (account: SignedInAccount) => UploadStores | null,
  ) {}

  async send(account: SignedInAccount, to: string, files: readonly OutgoingFile[], sendMessage: SendMessageNow, watch: UploadWatch = {}): Promise<void> {
    const upload: PendingUpload = { id: encodeB64u(this.deps.crypto.random.bytes(ID_BYTES)), to, body: '', files };
    // Beside the upload, not before it: sealing a 100 MiB copy takes about a second.
    const kept = (this.storesOf(account)?.pending.keep(upload) ?? Promise.resolve()).catch((error: unknown) => {
      // The upload still goes; it just would not survive a reload.
      console.warn('This upload could not be kept on the device', error instanceof Error ? error.name : 'unknown error');
    });
    this.keeping.set(upload.id, kept);
    const release = (await this.storesOf(account)?.pending.claim(upload.id)) ?? null;
    try {
      await this.run(account, upload, sendMessage, watch);
    } finally {
      this.keeping.delete(upload.id);
      release?.();
    }
  }

  async pending(account: SignedInAccount): Promise<readonly PendingUploadView[]> {
    const uploads = (await this.storesOf(account)?.pending.list()) ?? [];
    return uploads
      .filter((upload) => !this.running.has(upload.id))
      .map((upload) => ({ id: upload.id, to: upload.to, files: upload.files.map((file) => ({ name: file.name, size: sizeOf(file.bytes) })) }));
  }

  async resume(account: SignedInAccount, id: string, sendMessage: SendMessageNow, watch: UploadWatch = {}): Promise<void> {
    if (this.running.has(id)) throw new MessengerError('upload_running', 'This upload is already going on.');
    const upload = ((await this.storesOf(account)?.pending.list()) ?? []).find((candidate) => candidate.id === id);
    if (upload === undefined) throw new MessengerError('not_found', 'This upload is no longer kept on this device.');
    const release = await this.storesOf(account)?.pending.claim(id);
    if (release === null) throw new MessengerError('upload_running', 'This upload is going on in another tab.');
    try {
      await this.run(account, upload, sendMessage, watch);
    } finally {
      release?.();
    }
  }

  async cancel(account: SignedInAccount, id: string): Promise<void> {
    const upload = ((await this.storesOf(account)?.pending.list()) ?? []).find((candidate) => candidate.id === id);
    if (upload !== undefined) await this.forget(account, upload);
  }

  /** Nothing of the account's uploads stays on this device. */
  async forgetDevice(account: SignedInAccount): Promise<void> {
    await this.storesOf(account)?.forgetAll();
  }

  private async run(account: SignedInAccount, upload: PendingUpload, sendMessage: SendMessageNow, watch: UploadWatch): Promise<void> {
    this.running.add(upload.id);
    try {
      for (let attempt = 0; ; attempt++) {
        const onProgress = (progress: FileProgress): void => {
          watch.onProgress?.(progress);
          if (attempt > 0) watch.onWaiting?.(null);
        };
        const uploaded = await this.sendFiles.upload(account, { to: upload.to, files: upload.files, onProgress, ...(watch.signal === undefined ? {} : { signal: watch.signal }) });
        if (uploaded.ok) {
          watch.onWaiting?.(null);
          if (await this.sendMessageOrWait(account, upload, () => sendMessage(this.sendFiles.messageOf(uploaded.value, upload.body)), attempt, watch)) return;
          continue;
        }
        if (uploaded.error.code === 'upload_cancelled') await this.forget(account, upload);
        else if (isTransient(uploaded.error.code) && !aborted(watch.signal)) {
          watch.onWaiting?.(waitingOf(uploaded.error, upload.to));
          await this.deps.timer.sleep(waitFor(attempt), watch.signal);
          if (!aborted(watch.signal)) continue;
          await this.forget(account, upload);
          throw new MessengerError('upload_cancelled', 'Sending the files was cancelled.');
        } else if (!sessionEnded(uploaded.error)) {
          await this.forgetPending(account, upload.id);
          throw thrown(uploaded.error, true);
        }
        throw thrown(uploaded.error);
      }
    } finally {
      this.running.delete(upload.id);
    }
  }

  /** True once the message is recorded; false after waiting for a server that did not answer (try again). */
  private async sendMessageOrWait(account: SignedInAccount, upload: PendingUpload, send: () => Promise<void>, attempt: number, watch: UploadWatch): Promise<boolean> {
    try {
      await send();
    } catch (error) {
      const unrecorded = error instanceof MessengerError && error.details.unrecorded === true;
      if (unrecorded && isTransient(error.code) && !aborted(watch.signal)) {
        watch.onWaiting?.(waitingOf(error.details, upload.to));
        await this.deps.timer.sleep(waitFor(attempt), watch.signal);
        return false;
      }
      // Recorded (the session resends it like any message) or refused for good: this upload is over.
      if (unrecorded) await this.forgetPending(account, upload.id);
      else await this.forget(account, upload);
      throw error;
    }
    await this.forget(account, upload);
    return true;
  }

  private async forget(account: SignedInAccount, upload: PendingUpload): Promise<void> {
    await this.sendFiles.forgetJournal(account, upload.to, upload.files);
    await this.forgetPending(account, upload.id);
  }

  private async forgetPending(account: SignedInAccount, id: string): Promise<void> {
    await this.keeping.get(id);
    await this.storesOf(account)?.pending.forget(id);
  }
}

const waitFor = (attempt: number): number => Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** attempt);
