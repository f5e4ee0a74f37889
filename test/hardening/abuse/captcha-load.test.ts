import { MAX_ESCALATED_POW_NUMBER } from '../../../src/adapters/captcha/pow-captcha-challenger';
import { DEFAULT_RATE_LIMITS } from '../../../src/adapters/http/rate-limits';
import { bruteForcePowCaptcha } from '../../support/brute-force-pow-captcha';
import { API, aRegistrationBody, aSealedEnvelope, expectProblem } from '../../http/http-test-client';
import { HardeningServer, startHardeningServer } from '../support/hardening-server';

const POW_MAX_NUMBER = 1000;

/** PROTOCOL §5: captchas are limited per client first; a recipient under load costs more, it is never shut off. */
describe('captchas for a recipient under load, with the default limits', () => {
  let server: HardeningServer;

  beforeAll(async () => {
    server = await startHardeningServer({ rateLimits: {} });
    await server.app.inject({
      method: 'POST',
      url: `${API}/accounts`,
      remoteAddress: '10.9.9.9',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(aRegistrationBody('popular')),
    });
  });
  afterAll(() => server.close());

  const captchaFrom = (remoteAddress: string) => server.app.inject({ method: 'GET', url: `${API}/users/popular/captcha`, remoteAddress });
  const friendRequestFrom = async (remoteAddress: string) => {
    const captcha = (await captchaFrom(remoteAddress)).json<{ id: string; salt: string; challenge: string; maxNumber: number }>();
    return server.app.inject({
      method: 'POST',
      url: `${API}/users/popular/friend-requests`,
      remoteAddress,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ captcha: { id: captcha.id, answer: String(bruteForcePowCaptcha(captcha)) }, envelope: aSealedEnvelope() }),
    });
  };

  it('four addresses using up their own limits do not lock anyone else out: the next client pays more work', async () => {
    const perClient = DEFAULT_RATE_LIMITS.captchaPerClient.max;
    for (const address of ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4']) {
      for (let n = 0; n < perClient; n += 1) expect((await captchaFrom(address)).statusCode).toBe(200);
      expectProblem(await captchaFrom(address), 429, 'rate_limited');
    }

    const newcomer = await captchaFrom('10.0.0.5');
    expect(newcomer.statusCode).toBe(200);
    const { maxNumber } = newcomer.json<{ maxNumber: number }>();
    expect(maxNumber).toBeGreaterThanOrEqual(2 * POW_MAX_NUMBER);
    expect(maxNumber).toBeLessThanOrEqual(MAX_ESCALATED_POW_NUMBER);
  });

  it('never asks for more than the most work clients accept, however many ask', async () => {
    for (let client = 0; client < 12; client += 1) {
      for (let n = 0; n < DEFAULT_RATE_LIMITS.captchaPerClient.max; n += 1) {
        const answer = await captchaFrom(`10.1.0.${client}`);
        expect(answer.statusCode).toBe(200);
        expect(answer.json<{ maxNumber: number }>().maxNumber).toBeLessThanOrEqual(Math.max(POW_MAX_NUMBER * 32, POW_MAX_NUMBER));
      }
    }
    expect((await captchaFrom('10.1.1.1')).json<{ maxNumber: number }>().maxNumber).toBe(POW_MAX_NUMBER * 32);
  });

  it('a few addresses sending friend requests up to their own limits do not lock anyone else out', async () => {
    const perClient = DEFAULT_RATE_LIMITS.friendRequestPerClient.max;
    for (const address of ['10.2.0.1', '10.2.0.2', '10.2.0.3', '10.2.0.4']) {
      for (let n = 0; n < perClient; n += 1) expect((await friendRequestFrom(address)).statusCode).toBe(202);
      expectProblem(await friendRequestFrom(address), 429, 'rate_limited');
    }
    expect((await friendRequestFrom('10.2.0.5')).statusCode).toBe(202);
  });
});
