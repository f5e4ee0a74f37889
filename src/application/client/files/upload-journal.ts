/*
 * What resuming a file upload needs (issue 15: "chunks already accepted are not sent again"): the
 * file key of the interrupted attempt and, per chunk, where it already went. A chunk is skipped only
 * when its plaintext hashes as before, so a different file under the same name never gets its chunks
 * sealed under the old key and nonces (that would reuse a GCM nonce).
 */

export interface JournalChunk {
  /** b64u SHA-256 of the chunk's plaintext. */
  readonly plainSha256: string;
  /** The id the friend's server gave the dropped chunk, once accepted. */
  readonly dropped: string | null;
  /** The own store id, chosen before the upload so a repeat is the same (safe) PUT. */
  readonly own: string;
  readonly kept: boolean;
}

export interface JournalEntry {
  readonly fileKey: Uint8Array;
  readonly chunks: readonly (JournalChunk | undefined)[];
}

/** Where an upload's progress is remembered; the key names friend, file name, type and size. */
export interface UploadJournal {
  get(key: string): Promise<JournalEntry | undefined>;
  put(key: string, entry: JournalEntry): Promise<void>;
  forget(key: string): Promise<void>;
}

/** Survives a lost connection or a cancel within the page, not a reload (the file key stays in memory only). */
export class MemoryUploadJournal implements UploadJournal {
  private readonly entries = new Map<string, JournalEntry>();

  async get(key: string): Promise<JournalEntry | undefined> {
    return this.entries.get(key);
  }

  async put(key: string, entry: JournalEntry): Promise<void> {
    this.entries.set(key, entry);
  }

  async forget(key: string): Promise<void> {
    this.entries.delete(key);
  }
}

export const journalKey = (friend: string, file: { readonly name: string; readonly type: string; readonly size: number }): string =>
  JSON.stringify([friend, file.name, file.type, file.size]);
