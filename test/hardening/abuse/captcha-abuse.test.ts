import { CAPTCHA_TTL_MS } from '../../../src/domain/home-server/captcha';
import { aSealedEnvelope, API, expectProblem, HttpTestClient, SignedUp } from '../../http/http-test-client';
import { FakeClock } from '../../support/fakes';
import { HardeningServer, startHardeningServer } from '../support/hardening-server';

/** PROTOCOL §5: captchas are bound to one recipient, expire, allow 3 wrong answers, work once. */
describe('captcha abuse', () => {
  let server: HardeningServer;
  let client: HttpTestClient;
  let bob: SignedUp;
  const clock = new FakeClock();

  beforeAll(async () => {
    server = await startHardeningServer({ clock });
    client = new HttpTestClient(server.app);
    bob = await client.signUp('bob');
    await client.signUp('carol');
  });
  afterAll(() => server.close());

  const friendRequest = (to: string, captcha: { id: string; answer: string }) =>
    client.request('POST', `${API}/users/${to}/friend-requests`, { body: { captcha, envelope: aSealedEnvelope() } });

  const inboxSize = async (owner: SignedUp) =>
    (await client.request('GET', `${API}/inbox?limit=500`, { token: owner.token })).json<{ items: unknown[] }>().items.length;

  const wrongAnswer = (answer: string) => String((Number(answer) + 1) % 1001);

  it('a solved captcha works once: the replay is captcha_invalid and stores nothing', async () => {
    const before = await inboxSize(bob);
    const captcha = await client.solvedCaptcha('bob');
    expect((await friendRequest('bob', captcha)).statusCode).toBe(202);
    expectProblem(await friendRequest('bob', captcha), 400, 'captcha_invalid');
    expect(await inboxSize(bob)).toBe(before + 1);
  });

  it('two requests racing with one solved captcha: exactly one gets through', async () => {
    const before = await inboxSize(bob);
    const captcha = await client.solvedCaptcha('bob');
    const answers = await Promise.all(Array.from({ length: 8 }, () => friendRequest('bob', captcha)));
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([202, 400, 400, 400, 400, 400, 400, 400]);
    expect(await inboxSize(bob)).toBe(before + 1);
  });

  it('three wrong answers kill the captcha: even the right answer is refused afterwards', async () => {
    const before = await inboxSize(bob);
    const captcha = await client.solvedCaptcha('bob');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expectProblem(await friendRequest('bob', { id: captcha.id, answer: wrongAnswer(captcha.answer) }), 400, 'captcha_invalid');
    }
    expectProblem(await friendRequest('bob', captcha), 400, 'captcha_invalid');
    expect(await inboxSize(bob)).toBe(before);
  });

  it('two wrong answers leave the third try to the right one', async () => {
    const captcha = await client.solvedCaptcha('bob');
    for (let attempt = 0; attempt < 2; attempt += 1) {
      expectProblem(await friendRequest('bob', { id: captcha.id, answer: wrongAnswer(captcha.answer) }), 400, 'captcha_invalid');
    }
    expect((await friendRequest('bob', captcha)).statusCode).toBe(202);
  });

  it('expires after 5 minutes, and not a millisecond before', async () => {
    const early = await client.solvedCaptcha('bob');
    const late = await client.solvedCaptcha('bob');
    clock.advance(CAPTCHA_TTL_MS - 1);
    expect((await friendRequest('bob', early)).statusCode).toBe(202);
    clock.advance(1);
    expectProblem(await friendRequest('bob', late), 400, 'captcha_expired');
    // Expired means gone: it does not come back as merely invalid-but-retryable.
    expectProblem(await friendRequest('bob', late), 400, 'captcha_invalid');
  });

  it("a captcha issued for bob does not pay for a request to carol", async () => {
    const captcha = await client.solvedCaptcha('bob');
    expectProblem(await friendRequest('carol', captcha), 400, 'captcha_invalid');
    // Still good for bob: a stranger cannot burn bob's captchas by aiming them elsewhere.
    expect((await friendRequest('bob', captcha)).statusCode).toBe(202);
  });

  it('an unknown or forged captcha id is captcha_invalid', async () => {
    const captcha = await client.solvedCaptcha('bob');
    expectProblem(await friendRequest('bob', { id: `${captcha.id}x`, answer: captcha.answer }), 400, 'captcha_invalid');
    expectProblem(await friendRequest('bob', { id: 'AAAAAAAAAAAAAAAAAAAAAA', answer: '1' }), 400, 'captcha_invalid');
  });
});
