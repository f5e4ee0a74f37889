import { SetTimeoutTimer } from '../../../../src/adapters/time/set-timeout-timer';
import { WallClock } from '../../../../src/adapters/time/wall-clock';

describe('the client time adapters', () => {
  it('WallClock reads the time of day', () => {
    const before = Date.now();
    const now = new WallClock().now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('SetTimeoutTimer waits the time asked', async () => {
    const started = Date.now();
    await new SetTimeoutTimer().sleep(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });

  it('SetTimeoutTimer stops waiting when its signal aborts, and at once when it already has', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const waiting = new SetTimeoutTimer().sleep(60_000, controller.signal);
    setTimeout(() => controller.abort(), 10);
    await waiting;
    await new SetTimeoutTimer().sleep(60_000, controller.signal);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
