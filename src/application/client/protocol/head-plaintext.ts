import { serializeStoreHead } from '../../../domain/messaging/store/head-codec';
import { StoreHead } from '../../../domain/messaging/store/store-head';
import { utf8ByteLength } from '../../../domain/protocol/text-size';

/**
 * Sizes of serialized heads, remembered per head object. Heads are immutable, so the size measured
 * when one was serialized for its write answers the next sync's near-cap check without serializing
 * the head once more (PROTOCOL §8.4's cost rule: a sync handles its head once).
 */
const plaintextBytesByHead = new WeakMap<StoreHead, number>();

export const serializeHeadPlaintext = (head: StoreHead): { readonly text: string; readonly bytes: number } => {
  const text = serializeStoreHead(head);
  const bytes = utf8ByteLength(text);
  plaintextBytesByHead.set(head, bytes);
  return { text, bytes };
};

/** UTF-8 bytes of the head's plaintext, serializing only heads not yet measured. */
export const headPlaintextBytes = (head: StoreHead): number => plaintextBytesByHead.get(head) ?? serializeHeadPlaintext(head).bytes;
