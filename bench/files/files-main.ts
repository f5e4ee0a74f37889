import { currentLoadAverage, MachineInfo } from '../report/machine';
import { machineLines } from '../report/markdown';
import { filesTables, runFilesBench, writeFilesResults } from './files-bench';

const OUTPUT_DIR = 'bench-output';

/**
 * `npm run bench -- --only=files [--quick] [--keep-only]`: the files bench alone (10 and 100 MiB;
 * 10 MiB with --quick); --keep-only: only the raw Blob PUTs and SendFiles without and with the kept copy (figures in the log).
 */
export const runFilesOnly = async (options: { readonly quick: boolean; readonly keepOnly: boolean; readonly machine: MachineInfo; readonly log: (line: string) => void }): Promise<void> => {
  const startedAt = new Date();
  const figures = await runFilesBench({ sizesMiB: options.quick ? [10] : [10, 100], log: options.log, keepOnly: options.keepOnly });
  const elapsedS = Math.round((Date.now() - startedAt.getTime()) / 1000);
  const markdown = [
    `# starbase bench results: files (--only=files${options.quick ? ', --quick: not figures to quote' : ''})`,
    '',
    ...machineLines(options.machine, {
      date: startedAt.toISOString(),
      'load average (1 min) at start / end': `${options.machine.loadAverageAtStart} / ${currentLoadAverage()}`,
      'bench wall time': `${elapsedS} s`,
    }),
    '',
    filesTables(figures),
    '',
  ].join('\n');
  writeFilesResults(OUTPUT_DIR, markdown, figures, { quick: options.quick, startedAt: startedAt.toISOString(), machine: options.machine, loadAtEnd: currentLoadAverage() });
  options.log(`\n${markdown}\nwrote ${OUTPUT_DIR}/results-files.{md,json}`);
};
