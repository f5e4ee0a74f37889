/** Timing helpers shared by the Node and the browser side (performance.now exists in both). */

export const median = (values: readonly number[]): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

export const elapsedMs = async (work: () => Promise<unknown> | unknown): Promise<number> => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

export interface Sampled {
  /** Median over the runs, per operation. */
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly runs: number;
  readonly opsPerRun: number;
}

/** `runs` timed batches of `opsPerRun` calls each; figures are per call. */
export const sample = async (runs: number, opsPerRun: number, operation: (index: number) => Promise<unknown>): Promise<Sampled> => {
  const perOp: number[] = [];
  let index = 0;
  for (let run = 0; run < runs; run++) {
    const ms = await elapsedMs(async () => {
      for (let op = 0; op < opsPerRun; op++) await operation(index++);
    });
    perOp.push(ms / opsPerRun);
  }
  return { medianMs: median(perOp), minMs: Math.min(...perOp), maxMs: Math.max(...perOp), runs, opsPerRun };
};
