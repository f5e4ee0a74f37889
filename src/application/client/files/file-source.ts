/** A file to send: its bytes in memory, or a Blob (a browser File) read one chunk at a time. */
export type FileBytes = Uint8Array | Blob;

export const sizeOf = (bytes: FileBytes): number => (bytes instanceof Uint8Array ? bytes.byteLength : bytes.size);

/** Bytes [start, end) of the file; a Blob is read only that far, so a large file is never held whole. */
export const readSlice = async (bytes: FileBytes, start: number, end: number): Promise<Uint8Array> =>
  bytes instanceof Uint8Array ? bytes.subarray(start, end) : new Uint8Array(await bytes.slice(start, end).arrayBuffer());
