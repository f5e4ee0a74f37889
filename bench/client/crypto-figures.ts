import { ClientCrypto, KeyDerivation } from '../../src/application/ports/client-crypto';
import type { MessageEnvelope, SealedEnvelope } from '../../src/domain/protocol/wire';
import { decryptBlob, encryptBlob } from '../../src/application/client/protocol/blob-cipher';
import { decryptMessage, encryptMessage } from '../../src/application/client/protocol/message-cipher';
import { openSealed, seal } from '../../src/application/client/protocol/seal';
import { KDF_DEFAULT } from '../../src/domain/protocol/account-rules';
import { encodeB64u } from '../../src/domain/protocol/encoding/b64u';
import { elapsedMs, sample, Sampled } from '../support/timing';

/*
 * Client-side crypto figures, the same code in Node and in Chromium (bundled by esbuild). Each
 * figure is the median per operation over a few timed runs; nothing here is asserted anywhere.
 */

export interface CryptoPlan {
  readonly argon2Runs: number;
  /** Runs for the per-message constructions, and operations per run. */
  readonly messageRuns: number;
  readonly messageOpsPerRun: number;
  readonly blobSizes: readonly number[];
  /** Runs per blob size (fewer for the largest, see blobRunsFor). */
  readonly blobRuns: number;
}

export const DEFAULT_CRYPTO_PLAN: CryptoPlan = {
  argon2Runs: 3,
  messageRuns: 5,
  messageOpsPerRun: 40,
  blobSizes: [10 * 1024, 1024 * 1024, 10 * 1024 * 1024],
  blobRuns: 5,
};

export interface CryptoCase extends Sampled {
  /** e.g. "argon2id (argon2-browser)", "blob encrypt". */
  readonly name: string;
  /** Plaintext bytes, when the figure depends on a size. */
  readonly bytes: number | null;
}

export interface ClientCryptoFigures {
  readonly runtime: string;
  readonly cases: readonly CryptoCase[];
}

export interface CryptoSubjects {
  /** WebCrypto ports; its keyDerivation is not used (see kdfs). */
  readonly crypto: ClientCrypto;
  /** Argon2id implementations by label, e.g. argon2-browser and hash-wasm. */
  readonly kdfs: Readonly<Record<string, KeyDerivation>>;
}

const PASSWORD = new Uint8Array(Array.from('correct horse battery staple', (char) => char.charCodeAt(0)));

/** Deterministic printable ASCII (JSON-like text), so every runtime encrypts the same bytes. */
export const asciiText = (bytes: number): string => {
  const alphabet = '{"abcdefghijklmnopqrstuvwxyz0123456789:,}';
  let seed = 0x2545f491;
  const chars = new Array<string>(bytes);
  for (let i = 0; i < bytes; i++) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    chars[i] = alphabet[(seed >>> 0) % alphabet.length] as string;
  }
  return chars.join('');
};

const unwrap = <T>(result: { ok: true; value: T } | { ok: false; error: string }): T => {
  if (!result.ok) throw new Error(`bench crypto failed: ${result.error}`);
  return result.value;
};

const blobRunsFor = (plan: CryptoPlan, bytes: number): number => (bytes >= 8 * 1024 * 1024 ? Math.min(3, plan.blobRuns) : plan.blobRuns);

/** Small blobs are timed in batches: a page's performance.now() is coarsened to 0.1 ms. */
const blobOpsFor = (bytes: number): number => Math.max(1, Math.round((512 * 1024) / bytes));

export const measureClientCrypto = async (
  runtime: string,
  subjects: CryptoSubjects,
  plan: CryptoPlan = DEFAULT_CRYPTO_PLAN,
  log: (line: string) => void = () => undefined,
): Promise<ClientCryptoFigures> => {
  const { crypto } = subjects;
  const cases: CryptoCase[] = [];
  const add = (name: string, bytes: number | null, sampled: Sampled): void => {
    cases.push({ name, bytes, ...sampled });
    log(`  ${runtime}: ${name}${bytes === null ? '' : ` (${bytes} B)`}: ${sampled.medianMs.toFixed(3)} ms`);
  };

  for (const [label, kdf] of Object.entries(subjects.kdfs)) {
    const salt = crypto.random.bytes(16);
    // The first call pays for compiling and instantiating the WASM module.
    const firstMs = await elapsedMs(() => kdf.argon2id(PASSWORD, salt, KDF_DEFAULT));
    add(`argon2id first call (${label})`, null, { medianMs: firstMs, minMs: firstMs, maxMs: firstMs, runs: 1, opsPerRun: 1 });
    add(`argon2id (${label})`, null, await sample(plan.argon2Runs, 1, () => kdf.argon2id(PASSWORD, salt, KDF_DEFAULT)));
  }

  const recipient = await crypto.keyAgreement.generateKeyPair();
  const requestText = JSON.stringify({
    type: 'friend-request',
    from: 'alice@chat.example.org',
    identityKey: encodeB64u(crypto.random.bytes(32)),
    dropToken: encodeB64u(crypto.random.bytes(32)),
    ephemeralKey: encodeB64u(crypto.random.bytes(32)),
    note: 'Hi Bob, Alice from the climbing club. This is my starbase address.',
    sentAt: 1_760_000_000_000,
  });
  const sealed: SealedEnvelope[] = [];
  add(
    'seal friend request',
    requestText.length,
    await sample(plan.messageRuns, plan.messageOpsPerRun, async () => {
      sealed.push(unwrap(await seal(crypto, { purpose: 'friend-request', recipientPublicKey: recipient.publicKey, plaintext: requestText })));
    }),
  );
  add(
    'open friend request',
    requestText.length,
    await sample(plan.messageRuns, plan.messageOpsPerRun, async (index) => {
      unwrap(await openSealed(crypto, { purpose: 'friend-request', recipient, envelope: sealed[index % sealed.length] as SealedEnvelope }));
    }),
  );

  const direction = { friendshipKey: crypto.random.bytes(32), from: 'alice@chat.example.org', to: 'bob@home.example.net' };
  const messageText = JSON.stringify({ type: 'message', id: '6f1c7f0e-8d0c-4a53-9b8e-3f1f6c2b9a10', seq: 1, sentAt: 1_760_000_000_000, body: asciiText(1024) });
  const envelopes: MessageEnvelope[] = [];
  add(
    'encrypt message (1 KiB body)',
    messageText.length,
    await sample(plan.messageRuns, plan.messageOpsPerRun, async () => {
      envelopes.push(await encryptMessage(crypto, { ...direction, plaintext: messageText }));
    }),
  );
  add(
    'decrypt message (1 KiB body)',
    messageText.length,
    await sample(plan.messageRuns, plan.messageOpsPerRun, async (index) => {
      unwrap(await decryptMessage(crypto, { ...direction, envelope: envelopes[index % envelopes.length] as MessageEnvelope }));
    }),
  );

  const blobKey = crypto.random.bytes(32);
  for (const bytes of plan.blobSizes) {
    const text = asciiText(bytes);
    const runs = blobRunsFor(plan, bytes);
    const ops = blobOpsFor(bytes);
    let ciphertext = '';
    add('blob encrypt (pad, AES-GCM, base64url)', bytes, await sample(runs, ops, async () => (ciphertext = await encryptBlob(crypto, blobKey, 'alice', text))));
    add('blob decrypt (base64url, AES-GCM, unpad, UTF-8)', bytes, await sample(runs, ops, async () => unwrap(await decryptBlob(crypto, blobKey, 'alice', ciphertext))));
    // The AES-GCM step alone, on bytes: what is left is encoding (UTF-8, padding, base64url).
    const plainBytes: Uint8Array = new Uint8Array(bytes);
    const nonce = crypto.random.bytes(12);
    const aad = new Uint8Array(16);
    let sealedBytes: Uint8Array = new Uint8Array(0);
    add('AES-256-GCM encrypt only', bytes, await sample(runs, ops, async () => (sealedBytes = await crypto.cipher.encrypt(blobKey, nonce, plainBytes, aad))));
    add('AES-256-GCM decrypt only', bytes, await sample(runs, ops, async () => unwrap(await crypto.cipher.decrypt(blobKey, nonce, sealedBytes, aad))));
  }
  return { runtime, cases };
};
