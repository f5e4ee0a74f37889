import { availableParallelism, cpus, loadavg, release, totalmem } from 'node:os';

export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly kernel: string;
  /** 1-minute load average when the bench started: other work on the box shows here. */
  readonly loadAverageAtStart: number;
}

export const describeMachine = (): MachineInfo => ({
  cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
  cores: availableParallelism(),
  memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
  node: process.version,
  kernel: release(),
  loadAverageAtStart: Math.round((loadavg()[0] ?? 0) * 100) / 100,
});

export const currentLoadAverage = (): number => Math.round((loadavg()[0] ?? 0) * 100) / 100;
