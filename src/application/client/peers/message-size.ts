import { b64uLength } from '../../../domain/protocol/encoding/b64u';
import { PADDING_BLOCK_BYTES } from '../../../domain/protocol/encoding/padding';
import { MessageRecord } from '../../../domain/messaging/message';
import { utf8ByteLength } from '../../../domain/protocol/text-size';
import { AES_GCM_NONCE_BYTES, AES_GCM_TAG_BYTES } from '../../ports/client-crypto';
import { RecordKind, wireFieldsOf } from '../../../domain/messaging/record-kind';

/*
 * A home server refuses an envelope whose JSON text is longer than its `envelopeBytes` (PROTOCOL
 * §5, 413). The envelope of a message is `{"v":1,"nonce":"…","ct":"…"}` around the padded,
 * encrypted payload JSON, so its size follows from the payload's byte length alone: the limit is
 * known before anything is encrypted or sent.
 */

/** The bytes of `{"v":1,"nonce":"<12 bytes>","ct":""}` besides the ciphertext. */
const ENVELOPE_FRAME_BYTES = JSON.stringify({ v: 1, nonce: 'x'.repeat(b64uLength(AES_GCM_NONCE_BYTES)), ct: '' }).length;

/** The size of the envelope a payload JSON of this many UTF-8 bytes becomes. */
export const envelopeBytesForPayload = (payloadBytes: number): number => {
  const padded = (Math.floor(payloadBytes / PADDING_BLOCK_BYTES) + 1) * PADDING_BLOCK_BYTES;
  return ENVELOPE_FRAME_BYTES + b64uLength(padded + AES_GCM_TAG_BYTES);
};

/** The plaintext of a record as it travels (§4.2, §11): `{"type","id","seq","sentAt",…}`. */
export const payloadJsonOf = (message: Pick<MessageRecord, 'id' | 'seq' | 'sentAt' | 'body' | 'kind'>): string => {
  const { type, ...fields } = wireFieldsOf(message);
  return JSON.stringify({ type, id: message.id, seq: message.seq, sentAt: message.sentAt, ...fields });
};

/** A new record's payload at its largest: a uuid, and seq and time with the most digits they can have. */
const largestNewPayloadBytes = (body: string, kind?: RecordKind): number =>
  utf8ByteLength(
    payloadJsonOf({ id: '00000000-0000-4000-8000-000000000000', seq: Number.MAX_SAFE_INTEGER, sentAt: Number.MAX_SAFE_INTEGER, body, ...(kind === undefined ? {} : { kind }) }),
  );

export interface MessageRoom {
  /** False when the server would refuse the message as too large. */
  readonly fits: boolean;
  /**
   * Bytes of body text still free before the limit (negative: over it by that much). A character
   * of plain Latin text takes one byte, most others two to four.
   */
  readonly bytesLeft: number;
}

/** How a body fits a server's `envelopeBytes`; exact up to the payload's fixed fields, never optimistic. */
export const measureMessageBody = (body: string, envelopeBytes: number, kind?: RecordKind): MessageRoom => {
  const payloadBytes = largestNewPayloadBytes(body, kind);
  // The largest payload that still fits: padding always adds at least one byte, so one less than a whole block count.
  let largestPadded = 0;
  while (ENVELOPE_FRAME_BYTES + b64uLength(largestPadded + PADDING_BLOCK_BYTES + AES_GCM_TAG_BYTES) <= envelopeBytes) {
    largestPadded += PADDING_BLOCK_BYTES;
  }
  const bytesLeft = largestPadded - 1 - payloadBytes;
  return { fits: envelopeBytesForPayload(payloadBytes) <= envelopeBytes, bytesLeft };
};

/** Whether a stored message, with its own id, seq and time, fits the server's limit. */
export const messageFits = (message: MessageRecord, envelopeBytes: number): boolean =>
  envelopeBytesForPayload(utf8ByteLength(payloadJsonOf(message))) <= envelopeBytes;
