import { randomUUID } from 'node:crypto';
import { RecordKind } from '../../../../src/domain/messaging/record-kind';
import { ok } from '../../../../src/domain/protocol/result';
import { countingReads } from './counting-reads';
import { befriend, createInProcessWorld, expectOk, InProcessWorld, WorldUser } from './in-process-world';

/*
 * A hostile friend can name a target that never existed in an edit or delete (§11): the device then
 * looks for it through the chat's pages. The search is bounded: a few objects per write, and in one
 * session no page of the chat is read twice.
 */
describe('edits and deletes naming a target that never existed', () => {
  let world: InProcessWorld;
  let mallory: WorldUser;
  let bob: WorldUser;

  beforeEach(async () => {
    world = createInProcessWorld();
    world.server('one.test');
    world.server('two.test');
    mallory = await world.user('mallory@one.test');
    bob = await world.user('bob@two.test');
    await befriend(world, mallory, bob);
    for (let n = 0; n < 420; n++) {
      world.clock.advance(1000);
      expectOk(await sendRaw(mallory, bob, { type: 'message' }, `${n} ${'lorem ipsum '.repeat(80)}`));
      if (n % 30 === 29) expectOk(await bob.client.syncInbox.execute(bob.account));
    }
    expectOk(await bob.client.syncInbox.execute(bob.account));
  });

  const sendRaw = (from: WorldUser, to: WorldUser, kind: RecordKind, body = '') =>
    from.client.sendMessage.execute(from.account, { to: to.account.address, body, kind: () => ok(kind) });

  it('reads each page of the chat at most once per session, at most four per sync, then nothing even for new ones', async () => {
    const objectsOfChat = Object.keys(bob.account.head.pages).length + Object.keys(bob.account.head.indexes).length;
    expect(objectsOfChat).toBeGreaterThan(4);
    const { reads, wrapGateway } = countingReads();
    const bobAgain = await world.anotherDevice(bob, { wrapGateway });
    expectOk(await sendRaw(mallory, bob, { type: 'edit', target: randomUUID() }, 'never applied'));
    expectOk(await sendRaw(mallory, bob, { type: 'delete', target: randomUUID() }));

    const readsPerSync: number[] = [];
    for (let sync = 0; sync < objectsOfChat + 2; sync++) {
      const before = reads.length;
      expectOk(await bobAgain.client.syncInbox.execute(bobAgain.account));
      readsPerSync.push(reads.length - before);
    }

    expect(new Set(reads).size).toBe(reads.length);
    expect(bobAgain.account.pages.length).toBe(Object.keys(bob.account.head.pages).length);
    expect(readsPerSync.at(-1)).toBe(0);
    expect(readsPerSync.filter((count) => count > 0).length).toBeGreaterThan(1);
    for (const count of readsPerSync) expect(count).toBeLessThanOrEqual(4);
    const searched = reads.length;
    expectOk(await sendRaw(mallory, bob, { type: 'edit', target: randomUUID() }, 'never applied either'));
    expectOk(await bobAgain.client.syncInbox.execute(bobAgain.account));
    expectOk(await bobAgain.client.sendMessage.execute(bobAgain.account, { to: mallory.account.address, body: 'stop that' }));
    expect(reads.length).toBe(searched);
  });
});
