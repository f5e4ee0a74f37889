import { CAPTCHA_TTL_MS } from '../../../src/domain/home-server/captcha';
import { SESSION_TTL_MS } from '../../../src/domain/home-server/session';
import { anEnvelope } from '../../support/builders';
import { InboxRepository } from '../../../src/application/ports/inbox-repository';
import { ListInbox } from '../../../src/application/server/list-inbox';
import { aDrop, roomyQuotas } from '../../support/storage-fixtures';
import { AUTHORITY, createServerHarness, expectOk } from './server-harness';

const aliceWithDrops = async (count: number) => {
  const server = createServerHarness();
  await server.register({ name: 'alice' });
  await server.updateAccountSettings.execute({ name: 'alice', authority: AUTHORITY, openInbox: true });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(expectOk(await server.dropMessage.execute({ name: 'alice', dropToken: null, envelope: anEnvelope(0, i) })).id);
  }
  return { server, ids };
};

describe('ListInbox', () => {
  it('never answers a page of a deleted account to a new account of the same name, whatever happens while it reads', async () => {
    const server = createServerHarness();
    await server.register({ name: 'alice' });
    const inbox = server.storage.inbox;
    let dropWhileReading = true;
    // A drop that lands while the first page is read: after its version, before its items.
    const racing: InboxRepository = Object.assign(Object.create(inbox) as InboxRepository, {
      listingVersion: async (owner: string) => {
        const version = await inbox.listingVersion(owner);
        if (dropWhileReading) {
          dropWhileReading = false;
          expectOk(await inbox.append(aDrop(owner), roomyQuotas()));
        }
        return version;
      },
    });
    const listInbox = new ListInbox({ inbox: racing });
    expect(expectOk(await listInbox.execute({ name: 'alice' })).items).toHaveLength(1);
    expect(await server.storage.accounts.delete('alice')).toBe(true);
    await server.register({ name: 'alice' });

    expect(expectOk(await listInbox.execute({ name: 'alice' })).items).toEqual([]);
  });

  it('lists in arrival order, 100 per page by default, with a cursor while more remain', async () => {
    const { server, ids } = await aliceWithDrops(101);

    const first = expectOk(await server.listInbox.execute({ name: 'alice' }));
    expect(first.items.map((item) => item.id)).toEqual(ids.slice(0, 100));
    expect(first.next).not.toBeNull();

    const second = expectOk(await server.listInbox.execute({ name: 'alice', after: first.next! }));
    expect(second.items.map((item) => item.id)).toEqual(ids.slice(100));
    expect(second.next).toBeNull();
  });

  it('pages through everything with a small limit, without gaps or repeats', async () => {
    const { server, ids } = await aliceWithDrops(7);
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = expectOk(await server.listInbox.execute({ name: 'alice', after, limit: 3 }));
      seen.push(...page.items.map((item) => item.id));
      after = page.next ?? undefined;
    } while (after !== undefined);
    expect(seen).toEqual(ids);
  });

  it('keeps later items reachable after earlier ones are acknowledged', async () => {
    const { server, ids } = await aliceWithDrops(4);
    const page = expectOk(await server.listInbox.execute({ name: 'alice', limit: 2 }));
    await server.ackInbox.execute({ name: 'alice', ids: page.items.map((item) => item.id) });

    const rest = expectOk(await server.listInbox.execute({ name: 'alice', after: page.next! }));
    expect(rest.items.map((item) => item.id)).toEqual(ids.slice(2));
  });

  it('shows only the owner’s own items', async () => {
    const { server } = await aliceWithDrops(2);
    await server.register({ name: 'bob' });
    expect(expectOk(await server.listInbox.execute({ name: 'bob' })).items).toEqual([]);
  });

  it.each([0, 501, 1.5, -1])('refuses the limit %p', async (limit) => {
    const { server } = await aliceWithDrops(0);
    expect(await server.listInbox.execute({ name: 'alice', limit })).toEqual({ ok: false, error: 'input/invalid' });
  });

  it.each(['abc', '-1', '01', '1.5', '', '99999999999999999'])('refuses the cursor %p', async (after) => {
    const { server } = await aliceWithDrops(0);
    expect(await server.listInbox.execute({ name: 'alice', after })).toEqual({ ok: false, error: 'input/invalid' });
  });

  it('accepts the limits 1 and 500', async () => {
    const { server } = await aliceWithDrops(2);
    expect(expectOk(await server.listInbox.execute({ name: 'alice', limit: 1 })).items).toHaveLength(1);
    expect(expectOk(await server.listInbox.execute({ name: 'alice', limit: 500 })).items).toHaveLength(2);
  });
});

describe('AckInbox', () => {
  it('deletes the given items and is idempotent', async () => {
    const { server, ids } = await aliceWithDrops(3);

    expect(await server.ackInbox.execute({ name: 'alice', ids: [ids[0]!, ids[2]!] })).toEqual({ ok: true, value: { deleted: 2 } });
    expect(await server.ackInbox.execute({ name: 'alice', ids: [ids[0]!, ids[2]!] })).toEqual({ ok: true, value: { deleted: 0 } });

    expect(expectOk(await server.listInbox.execute({ name: 'alice' })).items.map((item) => item.id)).toEqual([ids[1]]);
  });

  it('cannot delete another owner’s items', async () => {
    const { server, ids } = await aliceWithDrops(1);
    await server.register({ name: 'bob' });

    expect(await server.ackInbox.execute({ name: 'bob', ids })).toEqual({ ok: true, value: { deleted: 0 } });
    expect(expectOk(await server.listInbox.execute({ name: 'alice' })).items).toHaveLength(1);
  });

  it('refuses more than 1000 ids at once', async () => {
    const { server } = await aliceWithDrops(0);
    const ids = Array.from({ length: 1001 }, (_, i) => `id-${i}`);
    expect(await server.ackInbox.execute({ name: 'alice', ids })).toEqual({ ok: false, error: 'input/invalid' });
  });
});

describe('PurgeExpired', () => {
  it('removes expired captchas and sessions and keeps live ones', async () => {
    const server = createServerHarness();
    await server.register();
    await server.issueCaptcha.execute({ name: 'alice' });
    await server.logIn();
    server.clock.advance(CAPTCHA_TTL_MS);
    const liveCaptcha = expectOk(await server.issueCaptcha.execute({ name: 'alice' }));

    expect(await server.purgeExpired.execute()).toEqual({ ok: true, value: { captchas: 1, sessions: 0, stagedObjects: 0, inboxItems: 0, droppedObjects: 0 } });

    server.clock.advance(SESSION_TTL_MS);
    expect(await server.purgeExpired.execute()).toEqual({ ok: true, value: { captchas: 1, sessions: 1, stagedObjects: 0, inboxItems: 0, droppedObjects: 0 } });
    expect(await server.storage.captchas.find(liveCaptcha.id)).toBeNull();
  });
});
