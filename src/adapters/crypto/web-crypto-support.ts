/**
 * A private copy whose buffer is a plain ArrayBuffer, which is what SubtleCrypto's typings
 * demand; copying also keeps a caller's later writes out of an operation in flight.
 */
export const asBufferSource = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(bytes);

/**
 * SubtleCrypto rejects with a DOMException named OperationError when the inputs are
 * well-formed but the operation fails (a GCM tag that does not verify, an X25519 result of
 * zero). Matched by name because a DOMException may come from another realm (jest, iframes).
 */
export const isOperationError = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && 'name' in error && error.name === 'OperationError';

export const defaultSubtle = (): SubtleCrypto => globalThis.crypto.subtle;
