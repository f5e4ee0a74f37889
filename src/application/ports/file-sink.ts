/**
 * Where a downloaded file's plaintext goes, one checked chunk at a time (PROTOCOL §9.1: the whole
 * file's SHA-256 is known only after the last chunk). Nothing written counts until `close`: a
 * download that turns out broken, fails or is cancelled ends with `abort`, which must leave no
 * part of the file saved. Exactly one of `close` and `abort` is called, once.
 */
export interface FileSink {
  write(plaintext: Uint8Array): Promise<void>;
  /**
   * The file checked out: keep what was written. A close that throws is not followed by `abort`
   * (whose own rejection would hide the close's error): cleaning up after a failed close is the
   * sink's part, and the error reaches the caller.
   */
  close(): Promise<void>;
  /** Throw away everything written. */
  abort(): Promise<void>;
}
