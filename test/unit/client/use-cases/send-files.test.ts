import { createHash, randomBytes } from 'node:crypto';
import { hashWasmStreamingDigest } from '../../../../src/adapters/crypto/hash-wasm-streaming-digest';
import { HomeServerGateway } from '../../../../src/application/ports/home-server-gateway';
import { MemoryUploadJournal } from '../../../../src/application/client/files/upload-journal';
import { DownloadFile, DownloadedFile } from '../../../../src/application/client/use-cases/download-file';
import { FileProgress, SendFiles } from '../../../../src/application/client/use-cases/send-files';
import { FileDescription } from '../../../../src/domain/messaging/file-description';
import { MessageRecord } from '../../../../src/domain/messaging/message';
import { kindOfRecord } from '../../../../src/domain/messaging/record-kind';
import { friendOf } from '../../../../src/domain/messaging/document-updates';
import { hasKeys, sendingLink } from '../../../../src/domain/messaging/friendship';
import { encodeB64u } from '../../../../src/domain/protocol/encoding/b64u';
import { ok } from '../../../../src/domain/protocol/result';
import { roomyQuotas } from '../../../support/storage-fixtures';
import { befriend, createInProcessWorld, expectOk, InProcessWorld, WorldUser } from './in-process-world';

const MiB = 1024 * 1024;
const BOB = 'bob@two.test';
const ALICE = 'alice@one.test';

describe('Files through the dead drop (§9.2)', () => {
  let world: InProcessWorld;
  let alice: WorldUser;
  let bob: WorldUser;
  let journal: MemoryUploadJournal;

  const setUp = async (bobQuotas = roomyQuotas()): Promise<void> => {
    world = createInProcessWorld();
    world.server('one.test');
    world.server('two.test', { quotas: bobQuotas });
    alice = await world.user(ALICE);
    bob = await world.user(BOB);
    await befriend(world, alice, bob);
    journal = new MemoryUploadJournal();
  };

  const sendFiles = (user: WorldUser) => new SendFiles(user.deps, { streamingDigest: hashWasmStreamingDigest, journals: () => journal });
  const download = (user: WorldUser) => new DownloadFile({ crypto: user.deps.crypto, streamingDigest: hashWasmStreamingDigest });

  const fileMessages = (user: WorldUser, friend: string, direction: 'in' | 'out') =>
    Object.values(user.account.doc.messages).filter((record) => record.friend === friend && record.direction === direction);
  const filesOf = (user: WorldUser, friend: string, direction: 'in' | 'out'): { id: string; files: readonly FileDescription[] } => {
    const [record] = fileMessages(user, friend, direction);
    if (record === undefined) throw new Error('no message');
    const kind = kindOfRecord(record);
    return { id: record.id, files: kind.type === 'message' ? (kind.files ?? []) : [] };
  };
  const objectsOf = async (authority: string, name: string) => (await world.harnessAt(authority).deps.objects.list(name, { state: null, afterId: '', limit: 1000 })).items;
  const sha256 = (bytes: Uint8Array): string => encodeB64u(createHash('sha256').update(bytes).digest());

  it('alice sends a 3 MiB file; bob syncs, which claims its chunks, downloads it and its SHA-256 matches; alice reads her own copy', async () => {
    await setUp();
    const bytes = new Uint8Array(randomBytes(3 * MiB + 5));
    const progress: FileProgress[] = [];

    expectOk(
      await sendFiles(alice).execute(alice.account, {
        to: BOB,
        body: 'the report',
        files: [{ name: 'report.pdf', type: 'application/pdf', bytes: new Blob([bytes]) }],
        onProgress: (step) => progress.push(step),
      }),
    );
    expect(progress.map((step) => step.bytesDone)).toEqual([MiB, 2 * MiB, 3 * MiB, 3 * MiB + 5]);
    expect(progress.every((step) => step.bytesTotal === 3 * MiB + 5 && step.fileIndex === 0)).toBe(true);

    expectOk(await bob.client.syncInbox.execute(bob.account));
    const received = filesOf(bob, ALICE, 'in');
    expect(received.files).toHaveLength(1);
    expect(received.files[0]).toMatchObject({ name: 'report.pdf', type: 'application/pdf', size: 3 * MiB + 5, sha256: sha256(bytes) });
    expect(received.files[0]?.sentChunks).toBeUndefined();
    // Claimed by the head write: committed in bob's store.
    const bobObjects = await objectsOf('two.test', 'bob');
    expect(bobObjects.filter((object) => object.state === 'committed').map((object) => object.id).sort()).toEqual([...(received.files[0]?.chunks ?? [])].sort());

    const downloaded = expectOk(await download(bob).execute(bob.account, { friend: ALICE, messageId: received.id, fileIndex: 0 }));
    expect(downloaded.kind).toBe('file');
    expect(downloaded.kind === 'file' && sha256(downloaded.bytes)).toBe(sha256(bytes));

    // Alice's record names her own committed copy; the friend's ids went only into the message.
    const sent = filesOf(alice, BOB, 'out');
    const aliceObjects = await objectsOf('one.test', 'alice');
    expect(aliceObjects.filter((object) => object.state === 'committed').map((object) => object.id).sort()).toEqual([...(sent.files[0]?.chunks ?? [])].sort());
    expect(sent.files[0]?.sentChunks).toEqual(received.files[0]?.chunks);
    const own = expectOk(await download(alice).execute(alice.account, { friend: BOB, messageId: sent.id, fileIndex: 0 }));
    expect(own.kind === 'file' && sha256(own.bytes)).toBe(sha256(bytes));
  });

  it('a delete for everyone releases the file\'s chunks from both stores in the write that tombstones the message', async () => {
    await setUp();
    expectOk(await sendFiles(alice).execute(alice.account, { to: BOB, body: 'oops', files: [{ name: 'a.bin', type: '', bytes: new Blob([new Uint8Array(randomBytes(MiB + 3))]) }] }));
    expectOk(await bob.client.syncInbox.execute(bob.account));
    const sent = filesOf(alice, BOB, 'out');
    const received = filesOf(bob, ALICE, 'in');
    const committed = async (authority: string, name: string) =>
      (await objectsOf(authority, name)).filter((object) => object.state === 'committed').map((object) => object.id);
    expect(await committed('one.test', 'alice')).toEqual(expect.arrayContaining([...(sent.files[0]?.chunks ?? [])]));
    expect(await committed('two.test', 'bob')).toEqual(expect.arrayContaining([...(received.files[0]?.chunks ?? [])]));

    expectOk(await alice.client.sendMessage.execute(alice.account, { to: BOB, body: '', kind: () => ok({ type: 'delete', target: sent.id }) }));
    expectOk(await bob.client.syncInbox.execute(bob.account));
    expect(sent.files[0]?.chunks).toHaveLength(2);
    expect((await committed('one.test', 'alice')).filter((id) => sent.files[0]?.chunks.includes(id))).toEqual([]);
    expect((await committed('two.test', 'bob')).filter((id) => received.files[0]?.chunks.includes(id))).toEqual([]);
  });

  it('bob opens the file on a new device and alice on hers: both come from their own stores', async () => {
    await setUp();
    const bytes = new Uint8Array(randomBytes(MiB + 1));
    expectOk(await sendFiles(alice).execute(alice.account, { to: BOB, files: [{ name: 'photo.jpg', type: 'image/jpeg', bytes }] }));
    expectOk(await bob.client.syncInbox.execute(bob.account));

    const bobAgain = await world.anotherDevice(bob);
    const received = filesOf(bobAgain, ALICE, 'in');
    const opened = expectOk(await download(bobAgain).execute(bobAgain.account, { friend: ALICE, messageId: received.id, fileIndex: 0 }));
    expect(opened.kind === 'file' && sha256(opened.bytes)).toBe(sha256(bytes));
    const aliceAgain = await world.anotherDevice(alice);
    const sent = filesOf(aliceAgain, BOB, 'out');
    const own = expectOk(await download(aliceAgain).execute(aliceAgain.account, { friend: BOB, messageId: sent.id, fileIndex: 0 }));
    expect(own.kind === 'file' && sha256(own.bytes)).toBe(sha256(bytes));
  });

  it('a file message whose drop failed is resent later with the friend\'s ids, and bob opens it', async () => {
    world = createInProcessWorld();
    world.server('one.test');
    world.server('two.test');
    let failDrops = false;
    const flaky = (gateway: HomeServerGateway): HomeServerGateway =>
      new Proxy(gateway, {
        get: (target, property, receiver) =>
          property === 'drop' && failDrops
            ? async () => ({ ok: false, error: { code: 'network_error', status: null, detail: 'lost' } })
            : Reflect.get(target, property, receiver),
      });
    alice = await world.user(ALICE, flaky);
    bob = await world.user(BOB);
    await befriend(world, alice, bob);
    journal = new MemoryUploadJournal();
    const bytes = new Uint8Array(randomBytes(MiB + 7));

    failDrops = true;
    const sent = await sendFiles(alice).execute(alice.account, { to: BOB, files: [{ name: 'later.bin', type: '', bytes }] });
    expect(sent).toMatchObject({ ok: false, error: { code: 'network_error', friend: BOB } });
    failDrops = false;
    expectOk(await alice.client.retryUndeliveredMessages.execute(alice.account));

    expectOk(await bob.client.syncInbox.execute(bob.account));
    const received = filesOf(bob, ALICE, 'in');
    const downloaded = expectOk(await download(bob).execute(bob.account, { friend: ALICE, messageId: received.id, fileIndex: 0 }));
    expect(downloaded.kind === 'file' && sha256(downloaded.bytes)).toBe(sha256(bytes));
  });

  it('opens a file whose message was sealed into a page (§8.4), as the conversation still shows it', async () => {
    await setUp();
    const bytes = new Uint8Array(randomBytes(1000));
    expectOk(await sendFiles(alice).execute(alice.account, { to: BOB, files: [{ name: 'old.txt', type: 'text/plain', bytes }] }));
    // Later messages, so the file's is among the oldest the page takes.
    for (let i = 0; i < 40; i++) {
      world.clock.advance(1000);
      expectOk(await alice.client.sendMessage.execute(alice.account, { to: BOB, body: `${i} ${'x'.repeat(2000)}` }));
    }
    expectOk(await bob.client.syncInbox.execute(bob.account));

    const inTail = Object.values(bob.account.doc.messages).filter((record) => record.direction === 'in' && record.body === '');
    expect(inTail).toEqual([]);
    const shown = bob.conversation(ALICE).find((entry) => entry.kind === 'message' && entry.files.length === 1);
    const opened = expectOk(await download(bob).execute(bob.account, { friend: ALICE, messageId: shown?.kind === 'message' ? shown.id : '', fileIndex: 0 }));
    expect(opened.kind === 'file' && sha256(opened.bytes)).toBe(sha256(bytes));
  });

  it('sends an empty file and several files in one message', async () => {
    await setUp();
    const small = new Uint8Array(randomBytes(1000));
    expectOk(
      await sendFiles(alice).execute(alice.account, {
        to: BOB,
        files: [
          { name: 'empty.txt', type: 'text/plain', bytes: new Uint8Array(0) },
          { name: 'small.bin', type: '', bytes: small },
        ],
      }),
    );
    expectOk(await bob.client.syncInbox.execute(bob.account));
    const received = filesOf(bob, ALICE, 'in');
    const results: DownloadedFile[] = [];
    for (const fileIndex of [0, 1]) results.push(expectOk(await download(bob).execute(bob.account, { friend: ALICE, messageId: received.id, fileIndex })));
    expect(results.map((result) => (result.kind === 'file' ? [result.name, result.bytes.length] : result.kind))).toEqual([
      ['empty.txt', 0],
      ['small.bin', 1000],
    ]);
  });

  it('shows a file whose chunk is missing, or whose key is wrong, as broken, never as content', async () => {
    await setUp();
    const bytes = new Uint8Array(randomBytes(2 * MiB));
    expectOk(await sendFiles(alice).execute(alice.account, { to: BOB, files: [{ name: 'a.bin', type: '', bytes }] }));
    expectOk(await bob.client.syncInbox.execute(bob.account));
    const received = filesOf(bob, ALICE, 'in');
    const [file] = received.files;
    if (file === undefined) throw new Error('no file');
    const recordKey = Object.keys(bob.account.doc.messages).find((key) => bob.account.doc.messages[key]?.id === received.id) ?? '';
    const replaceFile = (replacement: FileDescription): void => {
      const record = bob.account.doc.messages[recordKey];
      if (record === undefined) throw new Error('no record');
      // As if the friend had sent this description: the record is what download reads.
      (bob.account.doc.messages as Record<string, MessageRecord>)[recordKey] = { ...record, kind: { type: 'message', files: [replacement] } };
    };

    replaceFile({ ...file, key: encodeB64u(new Uint8Array(randomBytes(32))) });
    expect(await download(bob).execute(bob.account, { friend: ALICE, messageId: received.id, fileIndex: 0 })).toEqual({
      ok: true,
      value: { kind: 'broken', name: 'a.bin', reason: 'file/decrypt-failed' },
    });
    replaceFile({ ...file, chunks: [file.chunks[0] ?? '', 'AAAAAAAAAAAAAAAAAAAAAA'] });
    expect(await download(bob).execute(bob.account, { friend: ALICE, messageId: received.id, fileIndex: 0 })).toEqual({
      ok: true,
      value: { kind: 'broken', name: 'a.bin', reason: 'file/missing-chunk' },
    });
    replaceFile({ ...file, sha256: encodeB64u(new Uint8Array(32)) });
    expect(await download(bob).execute(bob.account, { friend: ALICE, messageId: received.id, fileIndex: 0 })).toEqual({
      ok: true,
      value: { kind: 'broken', name: 'a.bin', reason: 'file/hash-mismatch' },
    });
  });

  it('a friend\'s message naming chunks that do not exist still arrives: the claim goes without them and the file is broken', async () => {
    await setUp();
    expectOk(await sendFiles(alice).execute(alice.account, { to: BOB, files: [{ name: 'real.txt', type: 'text/plain', bytes: new Uint8Array(10) }] }));
    const [real] = filesOf(alice, BOB, 'out').files;
    if (real === undefined) throw new Error('no file');
    // A lying (or buggy) client names a chunk bob's server never saw.
    const lying: FileDescription = { ...real, sentChunks: ['BBBBBBBBBBBBBBBBBBBBBA'] };
    expectOk(await alice.client.sendMessage.execute(alice.account, { to: BOB, body: 'again', kind: () => ({ ok: true, value: { type: 'message', files: [lying] } }) }));

    expectOk(await bob.client.syncInbox.execute(bob.account));

    const records = fileMessages(bob, ALICE, 'in');
    expect(records.map((record) => record.body).sort()).toEqual(['', 'again']);
    const again = records.find((record) => record.body === 'again');
    expect(await download(bob).execute(bob.account, { friend: ALICE, messageId: again?.id ?? '', fileIndex: 0 })).toMatchObject({
      ok: true,
      value: { kind: 'broken', reason: 'file/missing-chunk' },
    });
    const first = records.find((record) => record.body === '');
    expect(await download(bob).execute(bob.account, { friend: ALICE, messageId: first?.id ?? '', fileIndex: 0 })).toMatchObject({ ok: true, value: { kind: 'file' } });
  });

  it('deletes the dropped chunks of a message bob refuses (its file description fails the parse) with the ack; the accepted file still opens', async () => {
    await setUp();
    const friend = friendOf(alice.account.doc, BOB);
    const link = friend === undefined ? undefined : sendingLink(friend);
    if (link === undefined || !hasKeys(link)) throw new Error('no link');
    const dropped = expectOk(await alice.deps.gateways.forServer('two.test').dropObject('bob', link.state.keys.theirDropToken, new Uint8Array(100)));
    expectOk(await sendFiles(alice).execute(alice.account, { to: BOB, files: [{ name: 'good.txt', type: 'text/plain', bytes: new Uint8Array(10) }] }));
    const [good] = filesOf(alice, BOB, 'out').files;
    if (good === undefined) throw new Error('no file');
    const broken: FileDescription = { ...good, chunkBytes: 5, sentChunks: [dropped.id] };
    expectOk(await alice.client.sendMessage.execute(alice.account, { to: BOB, body: 'broken', kind: () => ({ ok: true, value: { type: 'message', files: [broken] } }) }));
    const bobServer = world.harnessAt('two.test').deps;
    expect((await bobServer.inbox.droppedStats('bob')).objects).toBe(2);

    expectOk(await bob.client.syncInbox.execute(bob.account));

    expect(fileMessages(bob, ALICE, 'in').map((record) => record.body)).toEqual(['']);
    expect((await bobServer.inbox.droppedStats('bob')).objects).toBe(0);
    expect((await bobServer.inbox.stats('bob')).items).toBe(0);
    const received = filesOf(bob, ALICE, 'in');
    expect(await download(bob).execute(bob.account, { friend: ALICE, messageId: received.id, fileIndex: 0 })).toMatchObject({ ok: true, value: { kind: 'file' } });
  });

  it('resumes after a cancel: chunks the friend\'s server and the own store accepted are not sent again', async () => {
    await setUp();
    const bytes = new Uint8Array(randomBytes(3 * MiB));
    const controller = new AbortController();
    const friendServer = world.harnessAt('two.test').deps;
    const first = await sendFiles(alice).execute(alice.account, {
      to: BOB,
      files: [{ name: 'big.bin', type: '', bytes }],
      signal: controller.signal,
      onProgress: (step) => {
        if (step.bytesDone >= 2 * MiB) controller.abort();
      },
    });
    expect(first).toMatchObject({ ok: false, error: { code: 'upload_cancelled' } });
    expect((await friendServer.inbox.droppedStats('bob')).objects).toBe(2);

    const progress: number[] = [];
    expectOk(await sendFiles(alice).execute(alice.account, { to: BOB, files: [{ name: 'big.bin', type: '', bytes }], onProgress: (step) => progress.push(step.bytesDone) }));
    expect((await friendServer.inbox.droppedStats('bob')).objects).toBe(3);
    expect(progress).toEqual([MiB, 2 * MiB, 3 * MiB]);
    expect((await objectsOf('one.test', 'alice')).length).toBe(3);

    expectOk(await bob.client.syncInbox.execute(bob.account));
    const received = filesOf(bob, ALICE, 'in');
    const downloaded = expectOk(await download(bob).execute(bob.account, { friend: ALICE, messageId: received.id, fileIndex: 0 }));
    expect(downloaded.kind === 'file' && sha256(downloaded.bytes)).toBe(sha256(bytes));
  });

  it('starts over under a new key when other bytes come under the same name (never a nonce twice)', async () => {
    await setUp();
    const controller = new AbortController();
    const first = new Uint8Array(randomBytes(2 * MiB));
    await sendFiles(alice).execute(alice.account, {
      to: BOB,
      files: [{ name: 'x.bin', type: '', bytes: first }],
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    const second = new Uint8Array(randomBytes(2 * MiB));
    expectOk(await sendFiles(alice).execute(alice.account, { to: BOB, files: [{ name: 'x.bin', type: '', bytes: second }] }));
    expectOk(await bob.client.syncInbox.execute(bob.account));
    const received = filesOf(bob, ALICE, 'in');
    const downloaded = expectOk(await download(bob).execute(bob.account, { friend: ALICE, messageId: received.id, fileIndex: 0 }));
    expect(downloaded.kind === 'file' && sha256(downloaded.bytes)).toBe(sha256(second));
  });

  it('blames the friend\'s server when its inbox is full (507), and sends no message', async () => {
    await setUp(roomyQuotas({ maxBytesPerToken: 1.5 * MiB }));
    const sent = await sendFiles(alice).execute(alice.account, { to: BOB, files: [{ name: 'big.bin', type: '', bytes: new Uint8Array(2 * MiB) }] });
    expect(sent).toEqual({ ok: false, error: expect.objectContaining({ code: 'inbox_full', friend: BOB }) });
    expect(fileMessages(alice, BOB, 'out')).toEqual([]);
  });

  it('refuses files that together need more chunks than one head write may commit, before reading any', async () => {
    await setUp();
    const unread = { size: 100 * MiB, slice: () => { throw new Error('read'); } } as unknown as Blob;
    const files = Array.from({ length: 5 }, (_, i) => ({ name: `part${i}.bin`, type: '', bytes: unread }));
    const sent = await sendFiles(alice).execute(alice.account, { to: BOB, files });
    expect(sent).toEqual({ ok: false, error: expect.objectContaining({ code: 'file_too_large', message: expect.stringContaining('several messages') }) });
  });

  it('refuses a file over the server\'s fileBytes before sending anything, with the limit in words', async () => {
    world = createInProcessWorld();
    world.server('one.test', { fileBytes: 2 * MiB });
    world.server('two.test');
    alice = await world.user(ALICE);
    bob = await world.user(BOB);
    await befriend(world, alice, bob);
    journal = new MemoryUploadJournal();
    const sent = await sendFiles(alice).execute(alice.account, { to: BOB, files: [{ name: 'huge.bin', type: '', bytes: new Uint8Array(2 * MiB + 1) }] });
    expect(sent).toEqual({ ok: false, error: expect.objectContaining({ code: 'file_too_large', message: 'huge.bin is larger than the 2 MB your server lets you send.' }) });
    expect((await world.harnessAt('two.test').deps.inbox.droppedStats('bob')).objects).toBe(0);
  });
});
