import { RandomSource } from '../../../src/application/ports/random-source';
import { DropObject } from '../../../src/application/server/drop-object';
import { anEnvelope } from '../../support/builders';
import { AUTHORITY, createServerHarness, expectOk, HarnessOptions } from './server-harness';

const DAY_MS = 24 * 60 * 60 * 1000;

const aliceWithToken = async (options: HarnessOptions = {}) => {
  const server = createServerHarness(options);
  await server.register({ name: 'alice' });
  const dropToken = expectOk(await server.issueDropToken.execute({ name: 'alice' }));
  return { server, dropToken };
};

/** Hands out the same bytes every time but the `fresh`-th call. */
class RepeatingRandom implements RandomSource {
  private calls = 0;
  constructor(private readonly fresh: number) {}
  bytes(length: number): Uint8Array {
    this.calls += 1;
    return new Uint8Array(length).fill(this.calls === this.fresh ? 2 : 1);
  }
}

describe('DropObject', () => {
  it('stores the bytes under a fresh 22-character id and records the token’s use', async () => {
    const { server, dropToken } = await aliceWithToken();
    const { id } = expectOk(await server.dropObject.execute({ name: 'alice', dropToken: dropToken.token, data: new Uint8Array(10) }));
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await server.storage.inbox.droppedStats('alice')).toEqual({ objects: 1, bytes: 10 });
    expect(expectOk(await server.listDropTokens.execute({ name: 'alice' }))[0]).toMatchObject({ uses: 1 });
  });

  it('needs a drop token even when the inbox is open', async () => {
    const { server } = await aliceWithToken();
    expectOk(await server.updateAccountSettings.execute({ name: 'alice', openInbox: true, authority: AUTHORITY }));
    expect(await server.dropObject.execute({ name: 'alice', dropToken: null, data: new Uint8Array(1) })).toEqual({
      ok: false,
      error: 'auth/unauthorized',
    });
  });

  it('refuses more than objectBytes', async () => {
    const { server, dropToken } = await aliceWithToken({ policy: { store: { objectBytes: 8, storeBytes: 1 << 20 } } });
    expect(await server.dropObject.execute({ name: 'alice', dropToken: dropToken.token, data: new Uint8Array(9) })).toEqual({
      ok: false,
      error: 'object/too-large',
    });
  });

  it('draws another id when the first is already one of the account’s', async () => {
    const { server, dropToken } = await aliceWithToken();
    const repeating = new DropObject({ ...server.deps, random: new RepeatingRandom(3) });
    const first = expectOk(await repeating.execute({ name: 'alice', dropToken: dropToken.token, data: new Uint8Array(1) }));
    const second = expectOk(await repeating.execute({ name: 'alice', dropToken: dropToken.token, data: new Uint8Array(1) }));
    expect(second.id).not.toBe(first.id);
    expect(await server.storage.inbox.droppedStats('alice')).toEqual({ objects: 2, bytes: 2 });
  });
});

describe('PurgeExpired: the drop retention (STARBASE_DROP_RETENTION_DAYS)', () => {
  it('deletes unclaimed dropped objects and unacknowledged items once older than the retention, not before', async () => {
    const { server, dropToken } = await aliceWithToken({ policy: { dropRetentionMs: 2 * DAY_MS } });
    expectOk(await server.dropMessage.execute({ name: 'alice', dropToken: dropToken.token, envelope: anEnvelope() }));
    expectOk(await server.dropObject.execute({ name: 'alice', dropToken: dropToken.token, data: new Uint8Array(10) }));

    server.clock.advance(2 * DAY_MS);
    expect(expectOk(await server.purgeExpired.execute())).toMatchObject({ inboxItems: 0, droppedObjects: 0 });
    server.clock.advance(1);
    expect(expectOk(await server.purgeExpired.execute())).toMatchObject({ inboxItems: 1, droppedObjects: 1 });
    expect(expectOk(await server.listInbox.execute({ name: 'alice' })).items).toEqual([]);
    expect(await server.storage.inbox.droppedStats('alice')).toEqual({ objects: 0, bytes: 0 });
  });
});
