import { close, open } from 'node:fs';
import { promisify } from 'node:util';

// Plain descriptors rather than FileHandles: a FileHandle is one more object per use for the collector to finalize.
export const openDescriptor = promisify(open);
export const closeDescriptor = promisify(close);

// Not `instanceof Error`: Node's own errors come from another realm under jest's sandbox.
/** Whether `error` says the file is not there (ENOENT). */
export const isMissingFile = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
