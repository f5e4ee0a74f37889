import { roomyQuotas } from '../../support/storage-fixtures';
import { CAPTCHA_MAX_ATTEMPTS, CAPTCHA_TTL_MS } from '../../../src/domain/home-server/captcha';
import { anEnvelope } from '../../support/builders';
import { createServerHarness, expectOk } from './server-harness';

describe('IssueCaptcha', () => {
  it('issues a challenge for an existing account that expires in five minutes and keeps its answer', async () => {
    const server = createServerHarness();
    await server.register();

    const issued = expectOk(await server.issueCaptcha.execute({ name: 'alice' }));

    expect(issued.expiresAt).toBe(server.clock.now() + CAPTCHA_TTL_MS);
    expect(issued.challenge.kind).toBe('image');
    expect(JSON.stringify(issued)).not.toContain(server.challenger.lastAnswer);
    expect(await server.storage.captchas.find(issued.id)).toMatchObject({
      name: 'alice',
      answer: server.challenger.lastAnswer,
      attemptsLeft: CAPTCHA_MAX_ATTEMPTS,
    });
  });

  it('answers account/not-found for unknown and disabled accounts', async () => {
    const server = createServerHarness();
    await server.register({ name: 'carol' });
    await server.storage.accounts.setDisabled('carol', true);
    expect(await server.issueCaptcha.execute({ name: 'ghost' })).toEqual({ ok: false, error: 'account/not-found' });
    expect(await server.issueCaptcha.execute({ name: 'carol' })).toEqual({ ok: false, error: 'account/not-found' });
  });
});

describe('DropFriendRequest', () => {
  it('puts the envelope in the inbox as a friend request and wakes listeners', async () => {
    const server = createServerHarness();
    await server.register();
    const captcha = await server.solvedCaptcha('alice');
    let woken = 0;
    server.notifier.subscribe('alice', () => woken++);
    const envelope = anEnvelope();

    const dropped = expectOk(await server.dropFriendRequest.execute({ name: 'alice', captcha, envelope }));

    const inbox = expectOk(await server.listInbox.execute({ name: 'alice' }));
    expect(inbox.items).toEqual([
      { id: dropped.id, kind: 'friend-request', tokenId: null, receivedAt: server.clock.now(), envelope },
    ]);
    expect(woken).toBe(1);
  });

  it('normalizes the submitted answer', async () => {
    const server = createServerHarness();
    await server.register();
    const { id, answer } = await server.solvedCaptcha('alice');
    const result = await server.dropFriendRequest.execute({
      name: 'alice',
      captcha: { id, answer: `  ${answer.toUpperCase()} ` },
      envelope: anEnvelope(),
    });
    expect(result.ok).toBe(true);
  });

  it('accepts a captcha only once', async () => {
    const server = createServerHarness();
    await server.register();
    const captcha = await server.solvedCaptcha('alice');
    expectOk(await server.dropFriendRequest.execute({ name: 'alice', captcha, envelope: anEnvelope() }));

    expect(await server.dropFriendRequest.execute({ name: 'alice', captcha, envelope: anEnvelope() })).toEqual({
      ok: false,
      error: 'captcha/invalid',
    });
  });

  it('lets only one of two concurrent requests with the same captcha through', async () => {
    const server = createServerHarness();
    await server.register();
    const captcha = await server.solvedCaptcha('alice');

    const results = await Promise.all([
      server.dropFriendRequest.execute({ name: 'alice', captcha, envelope: anEnvelope() }),
      server.dropFriendRequest.execute({ name: 'alice', captcha, envelope: anEnvelope() }),
    ]);

    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(expectOk(await server.listInbox.execute({ name: 'alice' })).items).toHaveLength(1);
  });

  it('refuses a wrong answer and burns the captcha after three of them', async () => {
    const server = createServerHarness();
    await server.register();
    const { id, answer } = await server.solvedCaptcha('alice');
    const attempt = (given: string) =>
      server.dropFriendRequest.execute({ name: 'alice', captcha: { id, answer: given }, envelope: anEnvelope() });

    for (let i = 0; i < CAPTCHA_MAX_ATTEMPTS; i++) {
      expect(await attempt('wrong')).toEqual({ ok: false, error: 'captcha/invalid' });
    }
    expect(await attempt(answer)).toEqual({ ok: false, error: 'captcha/invalid' });
    expect(expectOk(await server.listInbox.execute({ name: 'alice' })).items).toEqual([]);
  });

  it('still accepts the right answer after fewer than three wrong ones', async () => {
    const server = createServerHarness();
    await server.register();
    const { id, answer } = await server.solvedCaptcha('alice');
    const attempt = (given: string) =>
      server.dropFriendRequest.execute({ name: 'alice', captcha: { id, answer: given }, envelope: anEnvelope() });

    await attempt('wrong');
    await attempt('wrong');
    expect((await attempt(answer)).ok).toBe(true);
  });

  it('refuses an expired captcha', async () => {
    const server = createServerHarness();
    await server.register();
    const captcha = await server.solvedCaptcha('alice');
    server.clock.advance(CAPTCHA_TTL_MS);

    expect(await server.dropFriendRequest.execute({ name: 'alice', captcha, envelope: anEnvelope() })).toEqual({
      ok: false,
      error: 'captcha/expired',
    });
  });

  it('refuses a captcha issued for another recipient, without spending it', async () => {
    const server = createServerHarness();
    await server.register({ name: 'alice' });
    await server.register({ name: 'bob' });
    const forBob = await server.solvedCaptcha('bob');

    expect(await server.dropFriendRequest.execute({ name: 'alice', captcha: forBob, envelope: anEnvelope() })).toEqual({
      ok: false,
      error: 'captcha/invalid',
    });
    expect((await server.dropFriendRequest.execute({ name: 'bob', captcha: forBob, envelope: anEnvelope() })).ok).toBe(true);
  });

  it('refuses an unknown captcha id', async () => {
    const server = createServerHarness();
    await server.register();
    const result = await server.dropFriendRequest.execute({
      name: 'alice',
      captcha: { id: 'made-up', answer: 'x' },
      envelope: anEnvelope(),
    });
    expect(result).toEqual({ ok: false, error: 'captcha/invalid' });
  });

  it('refuses an oversized envelope without spending the captcha', async () => {
    const server = createServerHarness({ policy: { envelopeBytes: 200 } });
    await server.register();
    const captcha = await server.solvedCaptcha('alice');

    expect(await server.dropFriendRequest.execute({ name: 'alice', captcha, envelope: anEnvelope(201) })).toEqual({
      ok: false,
      error: 'inbox/envelope-too-large',
    });
    expect((await server.dropFriendRequest.execute({ name: 'alice', captcha, envelope: anEnvelope(200) })).ok).toBe(true);
  });

  it('counts envelope size in UTF-8 bytes', async () => {
    const server = createServerHarness({ policy: { envelopeBytes: 20 } });
    await server.register();
    const captcha = await server.solvedCaptcha('alice');
    const sevenCharactersFourteenBytes = JSON.stringify({ n: 'ééééééé' });

    expect(await server.dropFriendRequest.execute({ name: 'alice', captcha, envelope: sevenCharactersFourteenBytes })).toEqual({
      ok: false,
      error: 'inbox/envelope-too-large',
    });
  });

  it('answers account/not-found for an unknown recipient', async () => {
    const server = createServerHarness();
    const result = await server.dropFriendRequest.execute({
      name: 'ghost',
      captcha: { id: 'x', answer: 'y' },
      envelope: anEnvelope(),
    });
    expect(result).toEqual({ ok: false, error: 'account/not-found' });
  });

  it('evicts the oldest friend request beyond the queue cap', async () => {
    const server = createServerHarness({ policy: { quotas: roomyQuotas({ maxItems: 100, maxBytes: 1 << 20, maxItemsPerToken: 100, maxFriendRequests: 2 }) } });
    await server.register();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const captcha = await server.solvedCaptcha('alice');
      ids.push(expectOk(await server.dropFriendRequest.execute({ name: 'alice', captcha, envelope: anEnvelope(0, i) })).id);
    }

    const inbox = expectOk(await server.listInbox.execute({ name: 'alice' }));
    expect(inbox.items.map((item) => item.id)).toEqual([ids[1], ids[2]]);
  });
});
