import { ClientCrypto } from '../../src/application/ports/client-crypto';
import { decryptBlob, encryptBlob } from '../../src/application/client/protocol/blob-cipher';
import { decryptMessage, encryptMessage } from '../../src/application/client/protocol/message-cipher';
import { decodeB64u } from '../../src/domain/protocol/encoding/b64u';
import { parseBlobDocument, serializeBlobDocument } from '../../src/domain/messaging/blob-codec';
import { BlobDocument, withVersion } from '../../src/domain/messaging/blob-document';
import { recordProcessedInboxItems } from '../../src/domain/messaging/inbox-items';
import { applyIncomingMessage } from '../../src/domain/messaging/messages';
import { utf8ByteLength } from '../../src/domain/protocol/text-size';
import { BenchAccount } from '../server/http-fixtures';
import { median } from '../support/timing';
import { downloadBlob, uploadBlob } from './blob-http';
import { HistoryFriend, historyMessageId, nextInboundSeq } from './history-document';

/*
 * One incoming message taken through every step a sync of the single-blob design needs, each
 * step timed on its own: the blob's way in (download, decrypt, parse: what a sync pays whenever
 * its copy is stale — after log-in, or a 412 because another device wrote), the message itself
 * (open, apply), and the blob's way out (serialize, size check on that text, encrypt, upload).
 */

export const PIPELINE_STEPS = ['download', 'decrypt', 'parse', 'open message', 'apply', 'serialize', 'size check', 'encrypt', 'upload'] as const;
export type PipelineStep = (typeof PIPELINE_STEPS)[number];

export interface PipelineFigures {
  readonly messages: number;
  readonly plaintextBytes: number;
  readonly ciphertextChars: number;
  readonly samples: number;
  /** Median ms per step. */
  readonly steps: Readonly<Record<PipelineStep, number>>;
  /** Sum of the medians. */
  readonly totalMs: number;
}

export interface PipelineSubject {
  readonly crypto: ClientCrypto;
  readonly baseUrl: string;
  readonly owner: BenchAccount;
  readonly ourAddress: string;
  readonly blobKey: Uint8Array;
  readonly sender: HistoryFriend;
}

const collect = (): void => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
};

const unwrap = <T>(result: { ok: true; value: T } | { ok: false; error: string }, what: string): T => {
  if (!result.ok) throw new Error(`${what} failed: ${result.error}`);
  return result.value;
};

/** Uploads `doc` as the current blob (If-Match the server's version) and returns the new version. */
export const storeDocument = async (subject: PipelineSubject, doc: BlobDocument, serverVersion: number): Promise<number> => {
  const next = withVersion(doc, serverVersion + 1);
  const ciphertext = await encryptBlob(subject.crypto, subject.blobKey, subject.owner.name, serializeBlobDocument(next));
  return uploadBlob(subject.baseUrl, subject.owner, serverVersion, ciphertext);
};

/** The friend's next message to us, as it sits in our inbox. */
export const friendMessageEnvelope = (subject: PipelineSubject, seq: number, index: number) =>
  encryptMessage(subject.crypto, {
    friendshipKey: unwrapKey(subject.sender.friendshipKey),
    from: subject.sender.address,
    to: subject.ourAddress,
    plaintext: JSON.stringify({ type: 'message', id: historyMessageId(10_000_000 + index), seq, sentAt: Date.now(), body: 'Are we still on for Saturday? I can bring the tent.' }),
  });

const unwrapKey = (b64u: string): Uint8Array => {
  const bytes = decodeB64u(b64u);
  if (bytes === null) throw new Error('bad friendship key');
  return bytes;
};

export const measurePipeline = async (subject: PipelineSubject, messages: number, samples: number): Promise<PipelineFigures> => {
  const times: Record<PipelineStep, number[]> = Object.fromEntries(PIPELINE_STEPS.map((step) => [step, []])) as unknown as Record<PipelineStep, number[]>;
  let plaintextBytes = 0;
  let ciphertextChars = 0;
  for (let sample = 0; sample < samples; sample++) {
    collect();
    const timed = async <T>(step: PipelineStep, work: () => Promise<T> | T): Promise<T> => {
      const started = performance.now();
      const value = await work();
      times[step].push(performance.now() - started);
      return value;
    };
    const stored = await timed('download', () => downloadBlob(subject.baseUrl, subject.owner));
    const plaintext = unwrap(await timed('decrypt', () => decryptBlob(subject.crypto, subject.blobKey, subject.owner.name, stored.ciphertext)), 'decrypt blob');
    const doc = unwrap(await timed('parse', () => parseBlobDocument(plaintext)), 'parse blob');

    const seq = nextInboundSeq(doc, subject.sender);
    const envelope = await friendMessageEnvelope(subject, seq, sample);
    const payload = await timed('open message', async () => {
      const opened = unwrap(
        await decryptMessage(subject.crypto, { friendshipKey: unwrapKey(subject.sender.friendshipKey), from: subject.sender.address, to: subject.ourAddress, envelope }),
        'decrypt message',
      );
      return JSON.parse(opened) as { id: string; seq: number; sentAt: number; body: string };
    });
    const now = Date.now();
    const applied = await timed('apply', () => {
      const result = unwrap(
        applyIncomingMessage(doc, { from: subject.sender.address, handshakeId: subject.sender.handshakeId, ...payload, receivedAt: now, deviceId: 'bench-device' }),
        'apply message',
      );
      if (result.outcome !== 'accepted') throw new Error('the bench message was not accepted');
      return recordProcessedInboxItems(result.doc, [`bench-item-${messages}-${sample}`], now);
    });
    // As SaveBlob does: serialize once, and measure the size on that text.
    const text = await timed('serialize', () => serializeBlobDocument(withVersion(applied, stored.version + 1)));
    await timed('size check', () => utf8ByteLength(text));
    const ciphertext = await timed('encrypt', () => encryptBlob(subject.crypto, subject.blobKey, subject.owner.name, text));
    await timed('upload', () => uploadBlob(subject.baseUrl, subject.owner, stored.version, ciphertext));
    plaintextBytes = utf8ByteLength(text);
    ciphertextChars = ciphertext.length;
  }
  const steps = Object.fromEntries(PIPELINE_STEPS.map((step) => [step, median(times[step])])) as Record<PipelineStep, number>;
  return {
    messages,
    plaintextBytes,
    ciphertextChars,
    samples,
    steps,
    totalMs: PIPELINE_STEPS.reduce((sum, step) => sum + steps[step], 0),
  };
};
