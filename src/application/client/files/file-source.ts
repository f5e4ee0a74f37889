/** Bytes read on demand, such as a copy of a file kept sealed on this device for a resumed upload. */
export interface ByteSource {
  readonly size: number;
  read(start: number, end: number): Promise<Uint8Array>;
}

/** A file to send: its bytes in memory, a Blob (a browser File) or a ByteSource, read one chunk at a time. */
export type FileBytes = Uint8Array | Blob | ByteSource;

const isByteSource = (bytes: FileBytes): bytes is ByteSource => !(bytes instanceof Uint8Array) && 'read' in bytes && typeof bytes.read === 'function';

export const sizeOf = (bytes: FileBytes): number => (bytes instanceof Uint8Array ? bytes.byteLength : bytes.size);

/** Bytes [start, end) of the file; a Blob is read only that far, so a large file is never held whole. */
export const readSlice = async (bytes: FileBytes, start: number, end: number): Promise<Uint8Array> => {
  if (bytes instanceof Uint8Array) return bytes.subarray(start, end);
  if (isByteSource(bytes)) return bytes.read(start, end);
  return new Uint8Array(await bytes.slice(start, end).arrayBuffer());
};
