import { readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc reports CPU time in these ticks (100 per second on every common kernel). */
const TICKS_PER_SECOND = 100;

/**
 * User + system CPU milliseconds a process has used so far (from /proc/<pid>/stat), or null where
 * /proc cannot say (another OS, a process gone). On a shared, loaded machine a server's CPU time
 * per request moves far less than its wall-clock throughput, which waits for other processes.
 */
export const processCpuMs = (pid: number): number | null => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) in parentheses; utime and stime are the 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / TICKS_PER_SECOND : null;
  } catch {
    return null;
  }
};
