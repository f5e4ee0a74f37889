/**
 * The bytes over a plain ArrayBuffer, which is what SubtleCrypto's typings demand. A view that
 * already is one goes as it is: SubtleCrypto copies its input when called (WebCrypto "get a copy of
 * the bytes"), so a copy here only cost a 1 MiB file chunk one more allocation and copy. A view
 * over anything else (a SharedArrayBuffer, another realm's buffer) is copied.
 */
export const asBufferSource = (bytes: Uint8Array): Uint8Array<ArrayBuffer> =>
  bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);

/**
 * SubtleCrypto rejects with a DOMException named OperationError when the inputs are
 * well-formed but the operation fails (a GCM tag that does not verify, an X25519 result of
 * zero). Matched by name because a DOMException may come from another realm (jest, iframes).
 */
export const isOperationError = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'name' in error && error.name === 'OperationError';

export const defaultSubtle = (): SubtleCrypto => globalThis.crypto.subtle;
