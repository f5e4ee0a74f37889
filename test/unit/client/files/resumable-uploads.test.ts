import { createHash, randomBytes } from 'node:crypto';
import { hashWasmStreamingDigest } from '../../../../src/adapters/crypto/hash-wasm-streaming-digest';
import { ClientDependencies } from '../../../../src/application/client/client-dependencies';
import { PendingUpload, PendingUploadStore, UploadStores } from '../../../../src/application/client/files/pending-uploads';
import { ResumableUploads, SendMessageNow } from '../../../../src/application/client/files/resumable-uploads';
import { journalKey, MemoryUploadJournal } from '../../../../src/application/client/files/upload-journal';
import { MessengerError, UploadWaiting } from '../../../../src/application/client/messenger';
import { DownloadFile } from '../../../../src/application/client/use-cases/download-file';
import { SendFiles } from '../../../../src/application/client/use-cases/send-files';
import { HomeServerGateway } from '../../../../src/application/ports/home-server-gateway';
import { befriend, createInProcessWorld, expectOk, InProcessWorld, WorldUser } from '../use-cases/in-process-world';

const MiB = 1024 * 1024;
const ALICE = 'alice@one.test';
const BOB = 'bob@two.test';

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** What a browser keeps in IndexedDB, kept in memory: it outlives the ResumableUploads (the "page") that wrote it. */
class MemoryPendingUploads implements PendingUploadStore {
  readonly uploads = new Map<string, PendingUpload>();

  async keep(upload: PendingUpload): Promise<void> {
    this.uploads.set(upload.id, upload);
  }

  async list(): Promise<readonly PendingUpload[]> {
    return [...this.uploads.values()];
  }

  async forget(id: string): Promise<void> {
    this.uploads.delete(id);
  }

  /** As Web Locks do in a browser: one page at a time, until it releases or goes. */
  private readonly claimed = new Set<string>();

  pageGone(): void {
    this.claimed.clear();
  }

  async claim(id: string): Promise<(() => void) | null> {
    if (this.claimed.has(id)) return null;
    this.claimed.add(id);
    return () => this.claimed.delete(id);
  }
}

describe('ResumableUploads: uploads that outlive a reload and a server that stops answering (issue 15)', () => {
  let world: InProcessWorld;
  let alice: WorldUser;
  let bob: WorldUser;
  let stores: UploadStores & { readonly pending: MemoryPendingUploads; readonly journal: MemoryUploadJournal };
  /** While true, bob's server does not answer alice's chunk drops. */
  let bobDown: boolean;
  /** Chunk drops bob's server accepted. */
  let accepted: number;
  let onDrop: () => void;
  let waits: number[];
  let onWait: () => Promise<void>;
  /** Alice's gateways, counting and failing chunk drops as the test says. */
  let observed: (gateway: HomeServerGateway) => HomeServerGateway;

  beforeEach(async () => {
    world = createInProcessWorld();
    world.server('one.test');
    world.server('two.test');
    bobDown = false;
    accepted = 0;
    onDrop = () => undefined;
    waits = [];
    onWait = async () => undefined;
    observed = (gateway: HomeServerGateway): HomeServerGateway =>
      new Proxy(gateway, {
        get: (target, property, receiver) =>
          property === 'dropObject'
            ? async (...args: Parameters<HomeServerGateway['dropObject']>) => {
                if (bobDown) return { ok: false, error: { code: 'network_error', status: null, detail: 'connection refused' } };
                const dropped = await target.dropObject(...args);
                if (dropped.ok) accepted += 1;
                onDrop();
                return dropped;
              }
            : Reflect.get(target, property, receiver),
      });
    alice = await world.user(ALICE, observed);
    bob = await world.user(BOB);
    await befriend(world, alice, bob);
    const pending = new MemoryPendingUploads();
    const journal = new MemoryUploadJournal();
    stores = { pending, journal, forgetAll: async () => pending.uploads.clear() };
  });

  /** A fresh "page" of alice's: new use cases over the same device stores. */
  const page = (device: { readonly deps: ClientDependencies } = alice): ResumableUploads => {
    const deps: ClientDependencies = {
      ...device.deps,
      timer: {
        sleep: async (ms) => {
          waits.push(ms);
          await onWait();
        },
      },
    };
    const sendFiles = new SendFiles(deps, { streamingDigest: hashWasmStreamingDigest, journals: () => stores.journal });
    return new ResumableUploads(deps, sendFiles, () => stores);
  };

  const sendMessage: SendMessageNow = async (input) => {
    const sent = await alice.client.sendMessage.execute(alice.account, input);
    if (!sent.ok) throw new MessengerError(sent.error.code, sent.error.message, sent.error.unrecorded === true ? { unrecorded: true } : {});
  };

  const bobDownloads = async (): Promise<string> => {
    expectOk(await bob.client.syncInbox.execute(bob.account));
    const record = Object.values(bob.account.doc.messages).find((candidate) => candidate.friend === ALICE && candidate.direction === 'in');
    const downloaded = expectOk(
      await new DownloadFile({ crypto: bob.deps.crypto, streamingDigest: hashWasmStreamingDigest }).execute(bob.account, { friend: ALICE, messageId: record?.id ?? '', fileIndex: 0 }),
    );
    return downloaded.kind === 'file' ? sha256(downloaded.bytes) : 'broken';
  };

  it('waits for bob’s server while it does not answer, longer each time, then goes on without sending an accepted chunk again', async () => {
    const bytes = new Uint8Array(randomBytes(3 * MiB + 5));
    onDrop = () => {
      if (accepted === 1) bobDown = true;
    };
    onWait = async () => {
      if (waits.length === 3) bobDown = false;
    };
    const waiting: (UploadWaiting | null)[] = [];

    await page().send(alice.account, BOB, [{ name: 'paused.bin', type: '', bytes }], sendMessage, { onWaiting: (state) => waiting.push(state) });

    expect(waits).toEqual([1000, 2000, 4000]);
    expect(waiting[0]).toEqual({ server: 'friend', friend: BOB });
    expect(waiting.at(-1)).toBeNull();
    expect(accepted).toBe(4);
    expect(stores.pending.uploads.size).toBe(0);
    expect(await stores.journal.get(journalKey(BOB, { name: 'paused.bin', type: '', size: bytes.byteLength }))).toBeUndefined();
    expect(await bobDownloads()).toBe(sha256(bytes));
  });

  it('keeps the upload while it runs, which another tab does not take; after a "reload" another page resumes it and sends only the chunks not accepted yet', async () => {
    const bytes = new Uint8Array(randomBytes(4 * MiB));
    onDrop = () => {
      if (accepted === 2) bobDown = true;
    };
    // The first page is gone mid-wait (reloaded): its upload never goes on.
    onWait = () => new Promise<void>(() => undefined);
    void page().send(alice.account, BOB, [{ name: 'reloaded.bin', type: 'application/octet-stream', bytes }], sendMessage);

    for (let tries = 0; waits.length === 0 && tries < 300; tries++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(waits).toEqual([1000]);
    bobDown = false;
    onWait = async () => undefined;
    const otherTab = page();
    const [running] = await otherTab.pending(alice.account);
    await expect(otherTab.resume(alice.account, running?.id ?? '', sendMessage)).rejects.toMatchObject({ code: 'upload_running' });
    expect(accepted).toBe(2);
    stores.pending.pageGone();

    const again = page();
    const [pending] = await again.pending(alice.account);
    expect(pending).toEqual({ id: expect.any(String), to: BOB, files: [{ name: 'reloaded.bin', size: bytes.byteLength }] });
    await again.resume(alice.account, pending?.id ?? '', sendMessage);

    expect(accepted).toBe(4);
    expect(await again.pending(alice.account)).toEqual([]);
    expect(await bobDownloads()).toBe(sha256(bytes));
  });

  it('a cancel forgets the upload and its journal', async () => {
    const bytes = new Uint8Array(randomBytes(3 * MiB));
    const controller = new AbortController();
    onDrop = () => {
      if (accepted === 1) controller.abort();
    };
    const uploads = page();

    await expect(uploads.send(alice.account, BOB, [{ name: 'cancelled.bin', type: '', bytes }], sendMessage, { signal: controller.signal })).rejects.toMatchObject({
      code: 'upload_cancelled',
    });

    expect(await uploads.pending(alice.account)).toEqual([]);
    expect(await stores.journal.get(journalKey(BOB, { name: 'cancelled.bin', type: '', size: bytes.byteLength }))).toBeUndefined();
  });

  it('keeps the upload when the session ends mid-upload (logged out), and the next login sends the rest', async () => {
    const bytes = new Uint8Array(randomBytes(3 * MiB));
    onDrop = () => {
      if (accepted === 1) void alice.client.logOut.execute(alice.account);
    };

    await expect(page().send(alice.account, BOB, [{ name: 'later.bin', type: '', bytes }], sendMessage)).rejects.toMatchObject({ code: 'unauthorized' });

    onDrop = () => undefined;
    const again = await world.anotherDevice(alice, { wrapGateway: observed });
    const uploads = page(again);
    const [pending] = await uploads.pending(again.account);
    expect(pending?.files).toEqual([{ name: 'later.bin', size: bytes.byteLength }]);
    await uploads.resume(again.account, pending?.id ?? '', async (input) => {
      const sent = await again.client.sendMessage.execute(again.account, input);
      if (!sent.ok) throw new MessengerError(sent.error.code, sent.error.message);
    });
    expect(accepted).toBe(3);
    expect(await uploads.pending(again.account)).toEqual([]);
    expect(await bobDownloads()).toBe(sha256(bytes));
  });
});
