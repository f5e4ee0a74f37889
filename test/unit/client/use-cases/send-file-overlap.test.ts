import { randomBytes } from 'node:crypto';
import { hashWasmStreamingDigest } from '../../../../src/adapters/crypto/hash-wasm-streaming-digest';
import { MemoryUploadJournal } from '../../../../src/application/client/files/upload-journal';
import { SendFiles } from '../../../../src/application/client/use-cases/send-files';
import { StreamingDigest } from '../../../../src/application/ports/streaming-digest';
import { befriend, createInProcessWorld, expectOk } from './in-process-world';

const MiB = 1024 * 1024;
const BOB = 'bob@two.test';
const ALICE = 'alice@one.test';

/**
 * SendFiles reads and seals the next chunk while the current one uploads (in the files bench the
 * page's own work was about 13–16 ms of each chunk's time), and never more than one chunk ahead.
 */
describe('SendFiles overlaps the next chunk with the uploads', () => {
  it('hashes chunk n+1 before chunk n is reported sent, and is never two chunks ahead', async () => {
    const world = createInProcessWorld();
    world.server('one.test');
    world.server('two.test');
    const alice = await world.user(ALICE);
    const bob = await world.user(BOB);
    await befriend(world, alice, bob);
    const events: string[] = [];
    const recordingDigest: StreamingDigest = {
      sha256: async () => {
        const stream = await hashWasmStreamingDigest.sha256();
        return {
          update: (bytes) => {
            events.push('read');
            stream.update(bytes);
          },
          digest: () => stream.digest(),
        };
      },
    };
    const sendFiles = new SendFiles(alice.deps, { streamingDigest: recordingDigest, journals: () => new MemoryUploadJournal() });

    expectOk(
      await sendFiles.execute(alice.account, {
        to: BOB,
        files: [{ name: 'four.bin', type: '', bytes: new Uint8Array(randomBytes(4 * MiB)) }],
        onProgress: () => events.push('sent'),
      }),
    );

    expect(events.filter((event) => event === 'sent').length).toBeGreaterThanOrEqual(4);
    const chunkEvents = events.slice(0, 8);
    expect(chunkEvents).toEqual(['read', 'read', 'sent', 'read', 'sent', 'read', 'sent', 'sent']);
  });
});
