import { roomyQuotas } from '../../support/storage-fixtures';
import { anEnvelope } from '../../support/builders';
import { AUTHORITY, createServerHarness, expectOk, HarnessOptions } from './server-harness';

const aliceWithToken = async (options: HarnessOptions = {}) => {
  const server = createServerHarness(options);
  await server.register({ name: 'alice' });
  const dropToken = expectOk(await server.issueDropToken.execute({ name: 'alice' }));
  return { server, dropToken };
};

describe('DropMessage', () => {
  it('delivers with a drop token of the recipient, tagged with its id, and records the use', async () => {
    const { server, dropToken } = await aliceWithToken();
    let woken = 0;
    server.notifier.subscribe('alice', () => woken++);
    const envelope = anEnvelope();

    const dropped = expectOk(await server.dropMessage.execute({ name: 'alice', dropToken: dropToken.token, envelope }));

    expect(expectOk(await server.listInbox.execute({ name: 'alice' })).items).toEqual([
      { id: dropped.id, kind: 'drop', tokenId: dropToken.id, receivedAt: server.clock.now(), envelope },
    ]);
    expect(expectOk(await server.listDropTokens.execute({ name: 'alice' }))[0]).toMatchObject({
      uses: 1,
      lastUsedAt: server.clock.now(),
    });
    expect(woken).toBe(1);
  });

  it('refuses a drop token issued by another account', async () => {
    const { server } = await aliceWithToken();
    await server.register({ name: 'bob' });
    const bobs = expectOk(await server.issueDropToken.execute({ name: 'bob' }));

    expect(await server.dropMessage.execute({ name: 'alice', dropToken: bobs.token, envelope: anEnvelope() })).toEqual({
      ok: false,
      error: 'auth/unauthorized',
    });
  });

  it('refuses an unknown token and a missing one while the inbox is closed', async () => {
    const { server } = await aliceWithToken();
    expect(await server.dropMessage.execute({ name: 'alice', dropToken: 'made-up', envelope: anEnvelope() })).toEqual({
      ok: false,
      error: 'auth/unauthorized',
    });
    expect(await server.dropMessage.execute({ name: 'alice', dropToken: null, envelope: anEnvelope() })).toEqual({
      ok: false,
      error: 'auth/unauthorized',
    });
    expect(expectOk(await server.listInbox.execute({ name: 'alice' })).items).toEqual([]);
  });

  it('accepts a drop without a token into an open inbox, with no token id', async () => {
    const { server } = await aliceWithToken();
    await server.updateAccountSettings.execute({ name: 'alice', authority: AUTHORITY, openInbox: true });

    expectOk(await server.dropMessage.execute({ name: 'alice', dropToken: null, envelope: anEnvelope() }));

    expect(expectOk(await server.listInbox.execute({ name: 'alice' })).items[0]?.tokenId).toBeNull();
  });

  it('still refuses a wrong token at an open inbox', async () => {
    const { server } = await aliceWithToken();
    await server.updateAccountSettings.execute({ name: 'alice', authority: AUTHORITY, openInbox: true });
    expect(await server.dropMessage.execute({ name: 'alice', dropToken: 'made-up', envelope: anEnvelope() })).toEqual({
      ok: false,
      error: 'auth/unauthorized',
    });
  });

  it('refuses an envelope above the size limit, and accepts one exactly at it', async () => {
    const { server, dropToken } = await aliceWithToken({ policy: { envelopeBytes: 300 } });
    const drop = (envelope: string) => server.dropMessage.execute({ name: 'alice', dropToken: dropToken.token, envelope });

    expect(await drop(anEnvelope(301))).toEqual({ ok: false, error: 'inbox/envelope-too-large' });
    expect((await drop(anEnvelope(300))).ok).toBe(true);
  });

  it('counts the size limit in UTF-8 bytes, not characters', async () => {
    const { server, dropToken } = await aliceWithToken({ policy: { envelopeBytes: 300 } });
    const drop = (envelope: string) => server.dropMessage.execute({ name: 'alice', dropToken: dropToken.token, envelope });

    // 152 characters, 302 bytes: under the limit in length, over it in bytes.
    expect(await drop(`"${'é'.repeat(150)}"`)).toEqual({ ok: false, error: 'inbox/envelope-too-large' });
    // 102 characters, 302 bytes, each of the 3-byte characters at the most a code unit can take.
    expect(await drop(`"${'€'.repeat(100)}"`)).toEqual({ ok: false, error: 'inbox/envelope-too-large' });
    // A surrogate pair is 4 bytes in 2 code units: 152 code units, 302 bytes.
    expect(await drop(`"${'😀'.repeat(75)}"`)).toEqual({ ok: false, error: 'inbox/envelope-too-large' });
    // 101 characters, 299 bytes.
    expect((await drop(`"${'€'.repeat(99)}"`)).ok).toBe(true);
  });

  it('answers inbox/full when the inbox holds its maximum number of items', async () => {
    const quotas = roomyQuotas({ maxItems: 2, maxBytes: 1 << 20, maxItemsPerToken: 10, maxFriendRequests: 10 });
    const { server, dropToken } = await aliceWithToken({ policy: { quotas } });
    const drop = () => server.dropMessage.execute({ name: 'alice', dropToken: dropToken.token, envelope: anEnvelope() });

    expectOk(await drop());
    expectOk(await drop());
    expect(await drop()).toEqual({ ok: false, error: 'inbox/full' });
    expect(expectOk(await server.listDropTokens.execute({ name: 'alice' }))[0]?.uses).toBe(2);
  });

  it('answers inbox/full when one token has used up its own quota, while other tokens still deliver', async () => {
    const quotas = roomyQuotas({ maxItems: 100, maxBytes: 1 << 20, maxItemsPerToken: 1, maxFriendRequests: 10 });
    const { server, dropToken } = await aliceWithToken({ policy: { quotas } });
    const other = expectOk(await server.issueDropToken.execute({ name: 'alice' }));
    const drop = (token: string) => server.dropMessage.execute({ name: 'alice', dropToken: token, envelope: anEnvelope() });

    expectOk(await drop(dropToken.token));
    expect(await drop(dropToken.token)).toEqual({ ok: false, error: 'inbox/full' });
    expect((await drop(other.token)).ok).toBe(true);
  });

  it('answers inbox/full when the envelopes would exceed the inbox byte quota', async () => {
    const quotas = roomyQuotas({ maxItems: 100, maxBytes: 250, maxItemsPerToken: 100, maxFriendRequests: 10 });
    const { server, dropToken } = await aliceWithToken({ policy: { quotas } });
    const drop = () => server.dropMessage.execute({ name: 'alice', dropToken: dropToken.token, envelope: anEnvelope(100) });

    expectOk(await drop());
    expectOk(await drop());
    expect(await drop()).toEqual({ ok: false, error: 'inbox/full' });
  });

  it('accepts drops again once the owner acknowledged items', async () => {
    const quotas = roomyQuotas({ maxItems: 1, maxBytes: 1 << 20, maxItemsPerToken: 10, maxFriendRequests: 10 });
    const { server, dropToken } = await aliceWithToken({ policy: { quotas } });
    const drop = () => server.dropMessage.execute({ name: 'alice', dropToken: dropToken.token, envelope: anEnvelope() });
    const first = expectOk(await drop());

    await server.ackInbox.execute({ name: 'alice', ids: [first.id] });

    expect((await drop()).ok).toBe(true);
  });

  it('answers account/not-found for an unknown or disabled recipient', async () => {
    const { server, dropToken } = await aliceWithToken();
    expect(await server.dropMessage.execute({ name: 'ghost', dropToken: dropToken.token, envelope: anEnvelope() })).toEqual({
      ok: false,
      error: 'account/not-found',
    });
    await server.storage.accounts.setDisabled('alice', true);
    expect(await server.dropMessage.execute({ name: 'alice', dropToken: dropToken.token, envelope: anEnvelope() })).toEqual({
      ok: false,
      error: 'account/not-found',
    });
  });
});
