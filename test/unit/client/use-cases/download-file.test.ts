import { createHash, randomBytes } from 'node:crypto';
import { hashWasmStreamingDigest } from '../../../../src/adapters/crypto/hash-wasm-streaming-digest';
import { MemoryUploadJournal } from '../../../../src/application/client/files/upload-journal';
import { DownloadFile } from '../../../../src/application/client/use-cases/download-file';
import { SendFiles } from '../../../../src/application/client/use-cases/send-files';
import { FileSink } from '../../../../src/application/ports/file-sink';
import { HomeServerGateway } from '../../../../src/application/ports/home-server-gateway';
import { FileDescription } from '../../../../src/domain/messaging/file-description';
import { MessageRecord } from '../../../../src/domain/messaging/message';
import { kindOfRecord } from '../../../../src/domain/messaging/record-kind';
import { encodeB64u } from '../../../../src/domain/protocol/encoding/b64u';
import { befriend, createInProcessWorld, expectOk, WorldUser } from './in-process-world';

/* DownloadFile into a sink (§9.1): chunk by chunk, committed only when the whole file checks out. */

const MiB = 1024 * 1024;
const BOB = 'bob@two.test';
const ALICE = 'alice@one.test';

/** A sink that remembers what happened to it, in order. */
class RecordingSink implements FileSink {
  readonly events: string[] = [];
  readonly written: Uint8Array[] = [];
  constructor(
    private readonly failWriteAt: number | null = null,
    private readonly failClose = false,
  ) {}

  write(plaintext: Uint8Array): Promise<void> {
    if (this.written.length === this.failWriteAt) return Promise.reject(new Error('disk full'));
    this.written.push(plaintext.slice());
    this.events.push(`write ${plaintext.byteLength}`);
    return Promise.resolve();
  }
  close(): Promise<void> {
    this.events.push('close');
    return this.failClose ? Promise.reject(new Error('could not rename')) : Promise.resolve();
  }
  abort(): Promise<void> {
    this.events.push('abort');
    return Promise.resolve();
  }
  bytes(): Buffer {
    return Buffer.concat(this.written);
  }
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('DownloadFile into a sink', () => {
  let bob: WorldUser;
  let bytes: Uint8Array;
  let messageId: string;
  /** Object reads started by bob's device, and chunks its sinks had been given when each started. */
  let fetches: number[];
  let writtenSoFar: () => number;
  let failReads: 'no' | 'network' = 'no';

  beforeEach(async () => {
    const world = createInProcessWorld();
    world.server('one.test');
    world.server('two.test');
    fetches = [];
    writtenSoFar = () => 0;
    failReads = 'no';
    const watched = (gateway: HomeServerGateway): HomeServerGateway =>
      new Proxy(gateway, {
        get: (target, property, receiver) => {
          const real = Reflect.get(target, property, receiver) as unknown;
          if (property !== 'getObject' || typeof real !== 'function') return real;
          const getObject = real as HomeServerGateway['getObject'];
          return (session: string, id: string) => {
            fetches.push(writtenSoFar());
            if (failReads === 'network') return Promise.resolve({ ok: false, error: { code: 'network_error', status: null, detail: 'lost' } });
            return getObject.call(target, session, id);
          };
        },
      });
    const alice = await world.user(ALICE);
    bob = await world.user(BOB, watched);
    await befriend(world, alice, bob);
    bytes = new Uint8Array(randomBytes(5 * MiB + 3));
    const journal = new MemoryUploadJournal();
    const sending = new SendFiles(alice.deps, { streamingDigest: hashWasmStreamingDigest, journals: () => journal });
    expectOk(await sending.execute(alice.account, { to: BOB, files: [{ name: 'data.bin', type: 'application/octet-stream', bytes }] }));
    expectOk(await bob.client.syncInbox.execute(bob.account));
    const record = Object.values(bob.account.doc.messages).find((candidate) => candidate.friend === ALICE && candidate.direction === 'in');
    if (record === undefined) throw new Error('no message');
    messageId = record.id;
    fetches = [];
  });

  const download = () => new DownloadFile({ crypto: bob.deps.crypto, streamingDigest: hashWasmStreamingDigest });
  const input = (signal?: AbortSignal) => ({ friend: ALICE, messageId, fileIndex: 0, ...(signal === undefined ? {} : { signal }) });

  const replaceFile = (change: (file: FileDescription) => FileDescription): void => {
    const key = Object.keys(bob.account.doc.messages).find((candidate) => bob.account.doc.messages[candidate]?.id === messageId) ?? '';
    const record = bob.account.doc.messages[key];
    const kind = record === undefined ? undefined : kindOfRecord(record);
    const file = kind?.type === 'message' ? kind.files?.[0] : undefined;
    if (record === undefined || file === undefined) throw new Error('no file');
    (bob.account.doc.messages as Record<string, MessageRecord>)[key] = { ...record, kind: { type: 'message', files: [change(file)] } };
  };

  it('writes the file chunk by chunk, fetching at most one chunk ahead, and closes the sink once it checks out', async () => {
    const sink = new RecordingSink();
    writtenSoFar = () => sink.written.length;

    const saved = expectOk(await download().executeInto(bob.account, input(), sink));

    expect(saved).toEqual({ kind: 'saved', name: 'data.bin', type: 'application/octet-stream' });
    expect(sha256(sink.bytes())).toBe(sha256(bytes));
    expect(sink.events).toEqual([...Array.from({ length: 5 }, () => `write ${MiB}`), 'write 3', 'close']);
    // Chunk i + 2 is asked for only after chunk i was written: two sealed chunks in hand at most.
    expect(fetches).toEqual([0, 0, 1, 2, 3, 4]);
  });

  it('aborts the sink and never closes it when the SHA-256 does not match', async () => {
    replaceFile((file) => ({ ...file, sha256: encodeB64u(new Uint8Array(32)) }));
    const sink = new RecordingSink();

    expect(await download().executeInto(bob.account, input(), sink)).toEqual({ ok: true, value: { kind: 'broken', name: 'data.bin', reason: 'file/hash-mismatch' } });
    expect(sink.events.slice(-1)).toEqual(['abort']);
    expect(sink.events).not.toContain('close');
  });

  it('aborts the sink for a missing chunk, a wrong key, a failed read and a cancel', async () => {
    const outcomes: unknown[] = [];
    const sinks: RecordingSink[] = [];
    const attempt = async (signal?: AbortSignal): Promise<void> => {
      const sink = new RecordingSink();
      sinks.push(sink);
      const result = await download().executeInto(bob.account, input(signal), sink);
      outcomes.push(result.ok ? result.value : result.error.code);
    };

    const controller = new AbortController();
    controller.abort();
    await attempt(controller.signal);
    failReads = 'network';
    await attempt();
    failReads = 'no';
    replaceFile((file) => ({ ...file, chunks: [...file.chunks.slice(0, 3), 'AAAAAAAAAAAAAAAAAAAAAA', ...file.chunks.slice(4)] }));
    await attempt();
    replaceFile((file) => ({ ...file, key: encodeB64u(new Uint8Array(randomBytes(32))) }));
    await attempt();

    expect(outcomes).toEqual([
      'upload_cancelled',
      'network_error',
      { kind: 'broken', name: 'data.bin', reason: 'file/missing-chunk' },
      { kind: 'broken', name: 'data.bin', reason: 'file/decrypt-failed' },
    ]);
    for (const sink of sinks) expect(sink.events.filter((event) => !event.startsWith('write'))).toEqual(['abort']);
    expect(sinks[2]?.written.length).toBe(3);
  });

  it('aborts the sink when writing to it fails, and the failure reaches the caller', async () => {
    const sink = new RecordingSink(2);

    await expect(download().executeInto(bob.account, input(), sink)).rejects.toThrow('disk full');
    expect(sink.events).toEqual([`write ${MiB}`, `write ${MiB}`, 'abort']);
  });

  it('does not abort a sink whose close failed, and the close failure reaches the caller', async () => {
    const sink = new RecordingSink(null, true);

    await expect(download().executeInto(bob.account, input(), sink)).rejects.toThrow('could not rename');
    expect(sink.events.filter((event) => !event.startsWith('write'))).toEqual(['close']);
  });

  it('still hands the whole checked file to callers that want the bytes', async () => {
    const downloaded = expectOk(await download().execute(bob.account, input()));

    expect(downloaded.kind === 'file' && sha256(downloaded.bytes)).toBe(sha256(bytes));
  });
});
