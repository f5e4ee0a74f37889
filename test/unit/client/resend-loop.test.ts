import { ResendLoop } from '../../../src/application/client/session/resend-loop';

/** A sleep the test releases by hand, recording every wait the loop asked for. */
const manualClock = () => {
  const waits: number[] = [];
  let release: (() => void) | null = null;
  return {
    waits,
    sleep: (ms: number, signal: AbortSignal) =>
      new Promise<void>((resolve) => {
        waits.push(ms);
        release = resolve;
        signal.addEventListener('abort', () => resolve(), { once: true });
      }),
    async tick(): Promise<void> {
      const current = release;
      release = null;
      current?.();
      for (let i = 0; i < 5; i++) await Promise.resolve();
    },
  };
};

describe('ResendLoop', () => {
  it('waits 2 s, then doubles after each failed attempt, and starts over at once when poked', async () => {
    const clock = manualClock();
    let attempts = 0;
    const loop = new ResendLoop(
      { hasWork: () => true, resend: async () => (attempts++, false) },
      { sleep: clock.sleep, jitter: () => 1 - Number.EPSILON, minDelayMs: 2000, maxDelayMs: 300_000 },
    );
    const stop = loop.start();
    for (let i = 0; i < 4; i++) await clock.tick();
    loop.poke();
    for (let i = 0; i < 5; i++) await Promise.resolve();
    stop();

    expect(attempts).toBe(5);
    expect(clock.waits.slice(0, 5).map((ms) => Math.round(ms / 1000))).toEqual([2, 4, 8, 16, 32]);
    // The poke's attempt ran without waiting out the 32 s, and the backoff started over from there.
    expect(Math.round((clock.waits[5] ?? 0) / 1000)).toBe(4);
  });

  it('only looks for work while nothing failed', async () => {
    const clock = manualClock();
    let attempts = 0;
    const loop = new ResendLoop({ hasWork: () => false, resend: async () => (attempts++, true) }, { sleep: clock.sleep, jitter: () => 0, idleCheckMs: 5000 });
    const stop = loop.start();
    await clock.tick();
    await clock.tick();
    stop();

    expect(attempts).toBe(0);
    expect(clock.waits.slice(0, 2)).toEqual([5000, 5000]);
  });
});
