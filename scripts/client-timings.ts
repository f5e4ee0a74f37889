/*
 * Client crypto timings in Node: Argon2id at the PROTOCOL default cost, seal+open of a friend
 * request, and encrypt+decrypt of a 1 KiB message, all through the production adapters.
 *
 *   npx esbuild scripts/client-timings.ts --bundle --platform=node --packages=external \
 *     --outfile=dist/client-timings.js --log-level=warning && node dist/client-timings.js
 */
import '../src/adapters/crypto-node/argon2-node-loader';
import { performance } from 'node:perf_hooks';
import { HashWasmKeyDerivation } from '../src/adapters/crypto-node/hash-wasm-key-derivation';
import { createWebCryptoSuite } from '../src/adapters/crypto/web-crypto-suite';
import { KeyDerivation } from '../src/application/ports/client-crypto';
import { deriveFriendshipKey } from '../src/application/client/protocol/friendship-key';
import { decryptMessage, encryptMessage } from '../src/application/client/protocol/message-cipher';
import { openSealed, seal } from '../src/application/client/protocol/seal';
import { KDF_DEFAULT } from '../src/domain/protocol/account-rules';
import { encodeB64u } from '../src/domain/protocol/encoding/b64u';

const crypto = createWebCryptoSuite();

const median = (samples: number[]): number => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

const timeEach = async (runs: number, task: () => Promise<void>): Promise<number[]> => {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    await task();
    samples.push(performance.now() - started);
  }
  return samples;
};

const report = (label: string, samples: number[], unit = 'ms'): void => {
  const digits = median(samples) < 1 ? 3 : 1;
  console.log(`${label.padEnd(58)} median ${median(samples).toFixed(digits)} ${unit}  (min ${Math.min(...samples).toFixed(digits)}, n=${samples.length})`);
};

const argon2 = async (label: string, kdf: KeyDerivation): Promise<void> => {
  const password = new TextEncoder().encode('correct horse battery staple');
  const [first = Number.NaN] = await timeEach(1, async () => void (await kdf.argon2id(password, crypto.random.bytes(16), KDF_DEFAULT)));
  console.log(`${`${label} first call (WASM load included)`.padEnd(58)} ${first.toFixed(0)} ms`);
  report(`${label} warm`, await timeEach(5, async () => void (await kdf.argon2id(password, crypto.random.bytes(16), KDF_DEFAULT))));
};

const main = async (): Promise<void> => {
  console.log(`Node ${process.version}, ${process.platform}/${process.arch}; Argon2id m=${KDF_DEFAULT.memoryKiB} KiB t=${KDF_DEFAULT.iterations} p=${KDF_DEFAULT.parallelism}`);
  await argon2('Argon2id 64 MiB t=3, argon2-browser (production)', crypto.keyDerivation);
  await argon2('Argon2id 64 MiB t=3, hash-wasm (cross-check)', new HashWasmKeyDerivation());

  const bob = await crypto.keyAgreement.generateKeyPair();
  const request = JSON.stringify({
    type: 'friend-request',
    from: 'alice@chat.example.org',
    identityKey: encodeB64u(crypto.random.bytes(32)),
    dropToken: encodeB64u(crypto.random.bytes(32)),
    ephemeralKey: encodeB64u(crypto.random.bytes(32)),
    note: 'Hi Bob, it is Alice from the climbing club.',
    sentAt: Date.now(),
  });
  const sealOpen = async (): Promise<void> => {
    const envelope = await seal(crypto, { purpose: 'friend-request', recipientPublicKey: bob.publicKey, plaintext: request });
    if (!envelope.ok) throw new Error(envelope.error);
    const opened = await openSealed(crypto, { purpose: 'friend-request', recipient: bob, envelope: envelope.value });
    if (!opened.ok) throw new Error(opened.error);
  };
  await timeEach(50, sealOpen);
  report('seal + open of a friend request (X25519 + HKDF + AES-GCM)', await timeEach(500, sealOpen));

  const alice = await crypto.keyAgreement.generateKeyPair();
  const [aliceEphemeral, bobEphemeral] = [await crypto.keyAgreement.generateKeyPair(), await crypto.keyAgreement.generateKeyPair()];
  const handshake = async (): Promise<void> => {
    const key = await deriveFriendshipKey(crypto, {
      role: 'requester',
      identity: alice,
      ephemeral: aliceEphemeral,
      peerIdentityKey: bob.publicKey,
      peerEphemeralKey: bobEphemeral.publicKey,
    });
    if (!key.ok) throw new Error(key.error);
  };
  report('friendship key K, one side (3 X25519 + SHA-256 + HKDF)', await timeEach(300, handshake));

  const friendshipKey = crypto.random.bytes(32);
  const direction = { from: 'alice@chat.example.org', to: 'bob@other.example.net' };
  const body = 'x'.repeat(1024);
  const plaintext = JSON.stringify({ type: 'message', id: '5b1e6f3c-1d2a-4c8e-9f00-123456789abc', seq: 42, sentAt: Date.now(), body });
  const encryptDecrypt = async (): Promise<void> => {
    const envelope = await encryptMessage(crypto, { friendshipKey, ...direction, plaintext });
    const opened = await decryptMessage(crypto, { friendshipKey, ...direction, envelope });
    if (!opened.ok) throw new Error(opened.error);
  };
  await timeEach(100, encryptDecrypt);
  report('encrypt + decrypt of a 1 KiB message (HKDF + AES-GCM)', await timeEach(2000, encryptDecrypt));
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
