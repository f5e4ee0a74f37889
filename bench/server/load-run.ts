import autocannon, { AutocannonRequest, AutocannonResult } from 'autocannon';
import { processCpuMs } from './process-cpu';

/** One autocannon measurement, reduced to what the report shows. */
export interface LoadFigure {
  readonly scenario: string;
  readonly server: string;
  readonly connections: number;
  readonly durationS: number;
  readonly requestsPerSecond: number;
  readonly latencyMeanMs: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly completed: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  /** Status code → count, to explain any non-2xx. */
  readonly statusCodes: Readonly<Record<string, number>>;
  /** The server process's CPU time (user + system) over the measured run per completed request; null when unknown. */
  readonly serverCpuMsPerRequest: number | null;
}

export interface LoadRun {
  readonly scenario: string;
  readonly server: string;
  readonly url: string;
  readonly connections: number;
  readonly durationS: number;
  readonly warmupS: number;
  /** The server's process, whose CPU time per request is reported when given. */
  readonly serverPid?: number;
  /** Built afresh for each run (the warm-up included), so per-run state starts clean. */
  readonly requests: () => AutocannonRequest[] | Promise<AutocannonRequest[]>;
}

const summarize = (run: LoadRun, result: AutocannonResult, serverCpuMs: number | null): LoadFigure => ({
  scenario: run.scenario,
  server: run.server,
  connections: run.connections,
  durationS: result.duration,
  // Completed 2xx and non-2xx alike; non-2xx are reported next to it and expected to be 0.
  requestsPerSecond: result.requests.average,
  latencyMeanMs: result.latency.mean,
  latencyP50Ms: result.latency.p50,
  latencyP99Ms: result.latency.p99,
  completed: result.requests.total,
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
  statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, stats]) => [code, stats.count])),
  serverCpuMsPerRequest: serverCpuMs === null || result.requests.total === 0 ? null : serverCpuMs / result.requests.total,
});

const cpuOf = (pid: number | undefined): number | null => (pid === undefined ? null : processCpuMs(pid));

/** A short warm-up (JIT, connection pools, SQLite page cache), discarded, then the measured run. */
export const runLoad = async (run: LoadRun): Promise<LoadFigure> => {
  if (run.warmupS > 0) {
    await autocannon({ url: run.url, connections: run.connections, duration: run.warmupS, requests: await run.requests() });
  }
  const cpuBefore = cpuOf(run.serverPid);
  const result = await autocannon({
    url: run.url,
    connections: run.connections,
    pipelining: 1,
    duration: run.durationS,
    timeout: 30,
    requests: await run.requests(),
  });
  const cpuAfter = cpuOf(run.serverPid);
  return summarize(run, result, cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore);
};
