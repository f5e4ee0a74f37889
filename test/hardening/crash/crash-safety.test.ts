import { runCrashTest } from './crash-run';

/** 25 kills in the normal run; `npm run test:crash` (CRASH_KILLS=100) for the long one. */
const KILLS = Number(process.env.CRASH_KILLS ?? 25);
const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 2 ** 31);

describe('crash safety on SQLite', () => {
  it(
    `survives ${KILLS} SIGKILLs under concurrent drops, blob writes, object uploads and object drops with commits and claims without losing an acknowledged write`,
    async () => {
      const report = await runCrashTest({ kills: KILLS, seed: SEED, log: process.env.CRASH_VERBOSE ? (line) => process.stdout.write(`${line}\n`) : undefined });
      process.stdout.write(
        `crash test (seed ${report.seed}): ${report.killsSurvived}/${report.kills} kills survived, ` +
          `${report.acknowledgedDrops} drops, ${report.acknowledgedBlobWrites} blob writes, ${report.acknowledgedObjects} objects and ${report.acknowledgedCommits} commits acknowledged, ` +
          `${report.acknowledgedWritesChecked} acknowledged-write checks, ${report.unansweredWrites} writes cut off unanswered, ` +
          `${report.conflictsAnswered412} conflicts answered 412, lost ${report.losses.length}\n`,
      );
      expect(report.losses).toEqual([]);
      expect(report.integrityFailures).toEqual([]);
      expect(report.serverErrors).toEqual([]);
      expect(report.killsSurvived).toBe(KILLS);
      // The load must have been real for the kills to prove anything.
      expect(report.acknowledgedDrops).toBeGreaterThan(KILLS);
      expect(report.acknowledgedBlobWrites).toBeGreaterThan(KILLS);
      expect(report.acknowledgedCommits).toBeGreaterThan(0);
      expect(report.unansweredWrites).toBeGreaterThan(0);
    },
    // A deadline, not a speed claim: each kill restarts a server and checks every acknowledged write.
    60_000 + KILLS * 10_000,
  );
});
