import { randomUUID } from 'node:crypto';
import { HomeServerGateway } from '../../../../src/application/ports/home-server-gateway';
import { PROCESSED_ITEM_RETENTION_MS } from '../../../../src/domain/messaging/inbox-items';
import { RecordKind } from '../../../../src/domain/messaging/record-kind';
import type { InboxItemBody } from '../../../../src/domain/protocol/wire';
import { ok } from '../../../../src/domain/protocol/result';
import { befriend, createInProcessWorld, expectOk, InProcessWorld, WorldUser } from './in-process-world';

/*
 * A hostile home server controls the inbox listing: it can list an item again long after the device
 * applied, acknowledged and forgot its id (processed ids are pruned once a complete listing no longer
 * has them), and it can list old ciphertext under an id never seen. Neither may change what the
 * account holds: message ids and seqs per direction (§4.2), handshake ids of friend requests (§4.1)
 * and the friendship's state decide, not the item id.
 */
describe('a home server that replays old inbox items after their ids were forgotten', () => {
  let world: InProcessWorld;

  /** Every item the server ever listed to this device, and the ones it lists again on the next complete listing. */
  const hostileServer = () => {
    const listed = new Map<string, InboxItemBody>();
    const replaying: InboxItemBody[] = [];
    const wrapGateway = (gateway: HomeServerGateway): HomeServerGateway => {
      const listInbox: HomeServerGateway['listInbox'] = async (session, query) => {
        const page = await gateway.listInbox(session, query);
        if (!page.ok) return page;
        for (const item of page.value.items) listed.set(item.id, item);
        if (page.value.next !== null) return page;
        return { ...page, value: { ...page.value, items: [...page.value.items, ...replaying.splice(0)] } };
      };
      const ackInbox: HomeServerGateway['ackInbox'] = (session, ids, objects) =>
        gateway.ackInbox(session, ids.filter((id) => !id.startsWith('replayed-')), objects);
      return Object.assign(Object.create(gateway) as HomeServerGateway, { listInbox, ackInbox });
    };
    const replay = (options: { readonly freshIds: boolean }) =>
      replaying.push(...[...listed.values()].map((item) => (options.freshIds ? { ...item, id: `replayed-${randomUUID()}` } : item)));
    return { wrapGateway, replay, listed };
  };

  const sendRaw = (from: WorldUser, to: WorldUser, kind: RecordKind, body = '') =>
    from.client.sendMessage.execute(from.account, { to: to.account.address, body, kind: () => ok(kind) });
  const idOf = (user: WorldUser, text: string): string => Object.values(user.account.head.tail).find((m) => m.body === text)?.id ?? '';

  /** What the account holds and shows, but the processed ids themselves and the version of the write that recorded them. */
  const holdings = (user: WorldUser, friend: string) => {
    const { processedInboxItems: _ids, version: _version, ...doc } = user.account.doc;
    return { doc, conversation: user.conversation(friend), overview: user.overview() };
  };

  it.each([{ freshIds: false }, { freshIds: true }])('changes nothing: messages, edits, deletes, a declined request and the handshake (fresh ids: $freshIds)', async ({ freshIds }) => {
    world = createInProcessWorld();
    world.server('one.test');
    world.server('two.test');
    const server = hostileServer();
    const alice = await world.user('alice@one.test', server.wrapGateway);
    const bob = await world.user('bob@two.test');
    const carol = await world.user('carol@two.test');
    await befriend(world, bob, alice);
    expectOk(await carol.client.sendFriendRequest.execute(carol.account, { to: 'alice@one.test', note: 'hi', solveCaptcha: world.captchaOf('one.test') }));
    expectOk(await alice.client.syncInbox.execute(alice.account));
    const [request] = alice.overview().incomingRequests;
    if (request === undefined) throw new Error('carol’s request did not arrive');
    expectOk(await alice.client.declineFriendRequest.execute(alice.account, request.id));

    expectOk(await sendRaw(bob, alice, { type: 'message' }, 'kept as sent'));
    expectOk(await sendRaw(bob, alice, { type: 'message' }, 'said in haste'));
    expectOk(await sendRaw(bob, alice, { type: 'message' }, 'first draft'));
    expectOk(await sendRaw(bob, alice, { type: 'delete', target: idOf(bob, 'said in haste') }));
    const drafted = idOf(bob, 'first draft');
    expectOk(await sendRaw(bob, alice, { type: 'edit', target: drafted }, 'second draft'));
    expectOk(await sendRaw(bob, alice, { type: 'edit', target: drafted }, 'final draft'));
    expectOk(await alice.client.syncInbox.execute(alice.account));
    const applied = [...server.listed.keys()];
    expect(applied.length).toBeGreaterThanOrEqual(8);
    // Pruning rides on a write: something new arrives an hour later.
    world.clock.advance(PROCESSED_ITEM_RETENTION_MS + 1);
    expectOk(await sendRaw(bob, alice, { type: 'message' }, 'an hour later'));
    expectOk(await alice.client.syncInbox.execute(alice.account));
    expect(Object.keys(alice.account.doc.processedInboxItems).filter((id) => applied.includes(id))).toEqual([]);
    const before = holdings(alice, 'bob@two.test');

    server.replay({ freshIds });
    expectOk(await alice.client.syncInbox.execute(alice.account));

    expect(holdings(alice, 'bob@two.test')).toEqual(before);
    expect(alice.overview().incomingRequests).toEqual([]);
    const bodies = alice.conversation('bob@two.test').flatMap((entry) => (entry.kind === 'message' && 'body' in entry ? [entry.body] : []));
    expect(bodies).not.toContain('said in haste');
    expect(bodies).not.toContain('first draft');
    expect(bodies).not.toContain('second draft');
    expect(bodies).toContain('final draft');
    expect(bodies.filter((body) => body === 'kept as sent')).toHaveLength(1);
  });

  it('adds no second copy of a message sealed into a page the device has not opened', async () => {
    world = createInProcessWorld();
    world.server('one.test');
    world.server('two.test');
    const server = hostileServer();
    const phone = await world.user('alice@one.test', server.wrapGateway);
    const bob = await world.user('bob@two.test');
    await befriend(world, bob, phone);
    expectOk(await sendRaw(bob, phone, { type: 'message' }, 'sealed away'));
    for (let n = 0; n < 120; n++) {
      world.clock.advance(1000);
      expectOk(await sendRaw(bob, phone, { type: 'message' }, `${n} ${'lorem ipsum '.repeat(80)}`));
      if (n % 30 === 29) expectOk(await phone.client.syncInbox.execute(phone.account));
    }
    world.clock.advance(PROCESSED_ITEM_RETENTION_MS + 1);
    expectOk(await sendRaw(bob, phone, { type: 'message' }, 'an hour later'));
    expectOk(await phone.client.syncInbox.execute(phone.account));
    expect(Object.values(phone.account.head.tail).map((message) => message.body)).not.toContain('sealed away');
    const laptop = await world.anotherDevice(phone, { wrapGateway: server.wrapGateway });
    expect(laptop.account.pages).toEqual([]);
    const before = holdings(laptop, 'bob@two.test');

    server.replay({ freshIds: false });
    expectOk(await laptop.client.syncInbox.execute(laptop.account));

    expect(holdings(laptop, 'bob@two.test')).toEqual(before);
  });
});
