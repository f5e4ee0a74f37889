import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '../../src/adapters/crypto-node/argon2-node-loader';
import { createWebCryptoSuite } from '../../src/adapters/crypto/web-crypto-suite';
import { parseBlobDocument, serializeBlobDocument } from '../../src/domain/messaging/blob-codec';
import { createBlobDocument } from '../../src/domain/messaging/blob-document';
import { bundledEntry, ChildServer, startChildServer } from '../server/child-server';
import { anIdentityKey, b64u, issueDropToken, registerAndLogIn } from '../server/http-fixtures';
import { DEFAULT_SPACING_MS, HistoryFriend, withHistory } from './history-document';
import { downloadBlob } from './blob-http';
import { LogInFigures, prepareSyncInboxBench, SearchFigures, SyncInboxFigures } from './sync-inbox-bench';
import { measurePipeline, PipelineFigures, PipelineSubject, storeDocument } from './sync-pipeline';

export interface SyncGrowthOptions {
  readonly sizes: readonly number[];
  /** Samples per size; sizes at or above `bigSize` take `bigSamples`. */
  readonly samples: number;
  readonly bigSize: number;
  readonly bigSamples: number;
  readonly log: (line: string) => void;
  /** Also log in to each history (LogInFigures); the store bench does, `npm run bench` does not. */
  readonly logIn?: boolean;
}

export interface SyncGrowthResult {
  readonly pipeline: readonly PipelineFigures[];
  /** The client's SyncInbox use case, end to end. */
  readonly syncInbox: readonly SyncInboxFigures[];
  readonly logIn: readonly LogInFigures[];
  readonly search: readonly SearchFigures[];
  readonly friends: number;
  readonly blobCapBytes: number;
}

/** PROTOCOL §7's ceiling for STARBASE_BLOB_BYTES: 100,000 messages do not fit the 16 MiB default. */
export const SYNC_BLOB_CAP_BYTES = 256 * 1024 * 1024;
export const HISTORY_FRIENDS = 8;

const randomKey = (): string => b64u(randomBytes(32));

export const startSyncServer = (dataDir: string): Promise<ChildServer> =>
  startChildServer('starbase (sqlite, sync)', bundledEntry('starbase-server'), ['serve'], {
    STARBASE_HOST: '127.0.0.1',
    STARBASE_PORT: '0',
    STARBASE_STORAGE: 'sqlite',
    STARBASE_DATA_DIR: dataDir,
    STARBASE_RATE_LIMITS: 'off',
    STARBASE_LOG_LEVEL: 'warn',
    STARBASE_CAPTCHA: 'pow',
    STARBASE_BLOB_BYTES: String(SYNC_BLOB_CAP_BYTES),
  });

export const runSyncGrowth = async (options: SyncGrowthOptions): Promise<SyncGrowthResult> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'starbase-bench-sync-'));
  const storeDataDir = mkdtempSync(join(tmpdir(), 'starbase-bench-store-'));
  let server: ChildServer | null = null;
  let storeServer: ChildServer | null = null;
  try {
    server = await startSyncServer(dataDir);
    // The client's store on a server of its own: the pipeline's blobs (56 MiB at 100,000 messages)
    // would otherwise fill the shared WAL, and its checkpoints land in the measured syncs.
    storeServer = await startSyncServer(storeDataDir);
    const crypto = createWebCryptoSuite();
    const owner = await registerAndLogIn(server.url, 'history');
    const ourAddress = `history@${new URL(server.url).host}`;
    const dropToken = await issueDropToken(server.url, owner);
    const friends: HistoryFriend[] = Array.from({ length: HISTORY_FRIENDS }, (_, i) => ({
      address: `friend${i}@chat${i % 3}.example.org`,
      handshakeId: randomKey(),
      identityKey: anIdentityKey(),
      friendshipKey: randomKey(),
      ourDropTokenId: `token-${i}`,
      ourDropToken: i === 0 ? dropToken.token : randomKey(),
      theirDropToken: randomKey(),
    }));
    const identity = await crypto.keyAgreement.generateKeyPair();
    const base = createBlobDocument({ publicKey: b64u(identity.publicKey), privateKey: b64u(identity.privateKey) });
    const subject: PipelineSubject = { crypto, baseUrl: server.url, owner, ourAddress, blobKey: crypto.random.bytes(32), sender: friends[0] as HistoryFriend };

    const realSync = await prepareSyncInboxBench(storeServer.url, 'syncer', HISTORY_FRIENDS);

    const pipeline: PipelineFigures[] = [];
    const syncInbox: SyncInboxFigures[] = [];
    const logIn: LogInFigures[] = [];
    const search: SearchFigures[] = [];
    for (const messages of options.sizes) {
      const samples = messages >= options.bigSize ? options.bigSamples : options.samples;
      // The client's store first: the pipeline's document (40 MiB at 100,000 messages) is not on the heap yet.
      const real = await realSync.measure(messages, samples);
      syncInbox.push(real);
      options.log(
        `  ${String(messages).padStart(7)} messages: SyncInbox ${real.medianMs.toFixed(1)} ms (` +
          Object.entries(real.phases)
            .map(([phase, ms]) => `${phase} ${ms.toFixed(1)}`)
            .join(', ') +
          `), sent ${(real.uploadedBytes / 1024).toFixed(1)} KiB (head ${(real.headBytes / 1024).toFixed(1)} KiB)`,
      );
      if (options.logIn === true) {
        const entered = await realSync.measureLogIn(messages, samples);
        logIn.push(entered);
        options.log(
          `  ${String(messages).padStart(7)} messages: LogIn to the newest chat ${entered.medianMs.toFixed(1)} ms after Argon2id (${entered.argon2Ms.toFixed(0)} ms; ` +
            Object.entries(entered.phases)
              .map(([phase, ms]) => `${phase} ${ms.toFixed(1)}`)
              .join(', ') +
            `), ${entered.entriesShown} entries shown`,
        );
        const searched = await realSync.measureSearch(messages);
        search.push(searched);
        options.log(
          `  ${String(messages).padStart(7)} messages: search (${searched.objects} objects, ${searched.results} results) ` +
            `cold ${searched.coldFirstMs.toFixed(0)} ms first, ${searched.coldMs.toFixed(0)} ms all, ` +
            `cached ${searched.cachedFirstMs.toFixed(0)} ms first, ${searched.cachedMs.toFixed(0)} ms all, again ${searched.againMs.toFixed(0)} ms`,
        );
      }
      const doc = withHistory(base, { ourAddress, friends, messages, now: Date.now(), spacingMs: DEFAULT_SPACING_MS });
      if (!parseBlobDocument(serializeBlobDocument(doc)).ok) throw new Error('the generated history is not a valid blob document');
      const { version } = await downloadBlob(server.url, owner);
      await storeDocument(subject, doc, version);
      const figures = await measurePipeline(subject, messages, samples);
      pipeline.push(figures);
      options.log(
        `  ${String(messages).padStart(7)} messages, ${(figures.plaintextBytes / 1024 / 1024).toFixed(2)} MiB: ` +
          Object.entries(figures.steps)
            .map(([step, ms]) => `${step} ${ms.toFixed(1)}`)
            .join(', ') +
          ` — total ${figures.totalMs.toFixed(0)} ms`,
      );
    }
    return { pipeline, syncInbox, logIn, search, friends: HISTORY_FRIENDS, blobCapBytes: SYNC_BLOB_CAP_BYTES };
  } finally {
    await server?.stop();
    await storeServer?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(storeDataDir, { recursive: true, force: true });
  }
};
