/** better-sqlite3 returns BLOBs as Buffers; callers get a plain, independent Uint8Array. */
export const bytesFromBlob = (blob: Buffer): Uint8Array => new Uint8Array(blob);
