import type { FileProgress, MessengerSession, UploadWaiting, UploadWatch } from '../../application/client/messenger';
import { MessengerError } from '../../application/client/messenger';

/** One file of an upload in progress. */
export interface UploadingFile {
  readonly name: string;
  readonly bytesDone: number;
  readonly bytesTotal: number;
}

export interface Upload {
  readonly id: number;
  /** The friend the files go to, as the chat names them. */
  readonly to: string;
  readonly files: readonly UploadingFile[];
  readonly controller: AbortController;
  /** The server this upload waits for, while it does not answer. */
  readonly waiting: UploadWaiting | null;
}

type Watch = Required<UploadWatch>;

/** Ends of an upload that are not failures: a cancel, or one that another tab or chat already took over. */
const isQuietEnd = (error: unknown): boolean => error instanceof MessengerError && ['upload_cancelled', 'upload_running', 'not_found'].includes(error.code);

/**
 * The uploads of one session, whichever chat is open: each chat shows its friend's, and they go on
 * (with their progress) while another chat or screen is shown. `resumeKept` goes on, once per
 * session, with the uploads a reload or a logout interrupted.
 */
export class SessionUploads {
  private uploads: readonly Upload[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly failureListeners = new Set<(to: string, error: unknown) => void>();
  private nextId = 1;
  private resumed = false;

  constructor(private readonly session: MessengerSession) {}

  current(): readonly Upload[] {
    return this.uploads;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Failures of uploads to `to`, for the chat that shows them. */
  onFailure(listener: (to: string, error: unknown) => void): () => void {
    this.failureListeners.add(listener);
    return () => this.failureListeners.delete(listener);
  }

  /** Shows one upload while `run` sends it; a failure other than a cancel goes to the failure listeners. */
  async track(to: string, files: readonly UploadingFile[], run: (watch: Watch) => Promise<void>): Promise<void> {
    const id = this.nextId++;
    const controller = new AbortController();
    const update = (change: (upload: Upload) => Upload) => this.set(this.uploads.map((upload) => (upload.id === id ? change(upload) : upload)));
    this.set([...this.uploads, { id, to, controller, files, waiting: null }]);
    try {
      await run({
        onProgress: (progress: FileProgress) =>
          update((upload) => ({
            ...upload,
            files: upload.files.map((file, index) => (index === progress.fileIndex ? { ...file, bytesDone: progress.bytesDone, bytesTotal: progress.bytesTotal } : file)),
          })),
        onWaiting: (waiting) => update((upload) => ({ ...upload, waiting })),
        signal: controller.signal,
      });
    } catch (error) {
      if (!isQuietEnd(error)) for (const listener of this.failureListeners) listener(to, error);
    } finally {
      this.set(this.uploads.filter((upload) => upload.id !== id));
    }
  }

  resumeKept(): void {
    if (this.resumed) return;
    this.resumed = true;
    this.session.pendingUploads().then(
      (pending) => {
        for (const upload of pending) {
          const files = upload.files.map((file) => ({ name: file.name, bytesDone: 0, bytesTotal: file.size }));
          void this.track(upload.to, files, (watch) => this.session.resumeUpload(upload.id, watch));
        }
      },
      (error: unknown) => console.warn('The uploads kept on this device could not be read', error instanceof Error ? error.name : 'unknown error'),
    );
  }

  private set(uploads: readonly Upload[]): void {
    this.uploads = uploads;
    for (const listener of this.listeners) listener();
  }
}

const bySession = new WeakMap<MessengerSession, SessionUploads>();

export const sessionUploads = (session: MessengerSession): SessionUploads => {
  const known = bySession.get(session);
  if (known !== undefined) return known;
  const created = new SessionUploads(session);
  bySession.set(session, created);
  return created;
};
