import { ClientCryptoFigures, CryptoCase } from '../client/crypto-figures';
import { HttpBenchResult } from '../server/http-bench';
import { LoadFigure } from '../server/load-run';
import { PIPELINE_STEPS, PipelineFigures } from '../sync/sync-pipeline';
import { SyncInboxFigures } from '../sync/sync-inbox-bench';
import { MachineInfo } from './machine';

/* The result tables, as Markdown (results.md, BENCHMARKS.md) and printed to the terminal. */

const table = (header: readonly string[], rows: readonly (readonly string[])[], alignRight: readonly boolean[]): string =>
  [
    `| ${header.join(' | ')} |`,
    `|${alignRight.map((right) => (right ? '---:' : ':---')).join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');

const count = (value: number): string => Math.round(value).toLocaleString('en-US');
const ms = (value: number): string => (value >= 100 ? count(value) : value >= 10 ? value.toFixed(1) : value >= 1 ? value.toFixed(2) : value.toFixed(3));
const ratio = (value: number): string => (value >= 10 ? value.toFixed(0) : value >= 1 ? value.toFixed(1) : value.toFixed(3));
const bytes = (value: number): string =>
  value >= 1024 * 1024 ? `${(value / 1024 / 1024).toFixed(value % (1024 * 1024) === 0 ? 0 : 2)} MiB` : value >= 1024 ? `${(value / 1024).toFixed(0)} KiB` : `${value} B`;

/** autocannon records whole milliseconds: 0 means under one. */
const wholeMs = (value: number): string => (value < 1 ? '<1' : count(value));
const latency = (figure: LoadFigure): string[] => [wholeMs(figure.latencyP50Ms), wholeMs(figure.latencyP99Ms)];
const serverCpu = (figure: LoadFigure): string => (figure.serverCpuMsPerRequest === null ? '–' : ms(figure.serverCpuMsPerRequest));

export const httpTable = (http: HttpBenchResult): string => {
  const connections = [...new Set(http.ceiling.map((figure) => figure.connections))];
  const ceilingRows = connections.map((c) => {
    const runs = http.ceiling.filter((figure) => figure.connections === c);
    const rps = runs.map((figure) => figure.requestsPerSecond);
    const last = runs[runs.length - 1] as LoadFigure;
    return [
      'raw Fastify 202, same 1 KiB body (ceiling)',
      'ceiling',
      String(c),
      `${count(rps.reduce((a, b) => a + b, 0) / rps.length)} (${rps.map(count).join(' / ')})`,
      '1',
      '1',
      ...latency(last),
      serverCpu(last),
      String(runs.reduce((sum, figure) => sum + figure.non2xx + figure.errors, 0)),
    ];
  });
  const rows = http.figures.map((figure) => [
    figure.scenario,
    figure.server,
    String(figure.connections),
    count(figure.requestsPerSecond),
    ratio(figure.ratioToCeiling),
    ratio(figure.ratioTo202Ceiling),
    ...latency(figure),
    serverCpu(figure),
    `${figure.non2xx + figure.errors + figure.timeouts}`,
  ]);
  return table(
    ['scenario', 'storage', 'conns', 'req/s', '× raw, same work', '× 202 ceiling', 'p50 ms', 'p99 ms', 'server CPU ms/req', 'non-2xx + errors'],
    [...ceilingRows, ...rows],
    [false, false, true, true, true, true, true, true, true, true],
  );
};

const caseKey = (figure: CryptoCase): string => `${figure.name}|${figure.bytes ?? ''}`;

export const cryptoTable = (runtimes: readonly ClientCryptoFigures[]): string => {
  const [node, browser] = runtimes;
  if (!node) return '';
  const browserCases = new Map((browser?.cases ?? []).map((figure) => [caseKey(figure), figure]));
  const rows = node.cases.map((figure) => {
    const other = browserCases.get(caseKey(figure));
    return [
      figure.name,
      figure.bytes === null ? '' : bytes(figure.bytes),
      ms(figure.medianMs),
      other ? ms(other.medianMs) : '–',
      other ? ratio(other.medianMs / figure.medianMs) : '–',
      `${figure.runs}×${figure.opsPerRun}`,
    ];
  });
  return table(
    ['operation', 'size', `${node.runtime} ms`, `${browser?.runtime ?? 'Chromium'} ms`, 'Chromium / Node', 'runs×ops'],
    rows,
    [false, true, true, true, true, true],
  );
};

/** Ratios that say more than the raw figures: one Argon2 build against the other, encoding against AES. */
export const cryptoRatios = (runtimes: readonly ClientCryptoFigures[]): string[] => {
  const lines: string[] = [];
  for (const figures of runtimes) {
    const find = (name: string, size: number | null = null) => figures.cases.find((figure) => figure.name === name && figure.bytes === size)?.medianMs;
    const a2 = find('argon2id (argon2-browser)');
    const hw = find('argon2id (hash-wasm)');
    if (a2 !== undefined && hw !== undefined) lines.push(`${figures.runtime}: argon2-browser / hash-wasm = ${ratio(a2 / hw)} (warm, m=64 MiB t=3 p=1)`);
    const sizes = [...new Set(figures.cases.filter((figure) => figure.name === 'AES-256-GCM encrypt only').map((figure) => figure.bytes ?? 0))];
    for (const size of sizes) {
      const encrypt = find('blob encrypt (pad, AES-GCM, base64url)', size);
      const aes = find('AES-256-GCM encrypt only', size);
      const decrypt = find('blob decrypt (base64url, AES-GCM, unpad, UTF-8)', size);
      const aesDecrypt = find('AES-256-GCM decrypt only', size);
      if (encrypt !== undefined && aes !== undefined && decrypt !== undefined && aesDecrypt !== undefined) {
        lines.push(
          `${figures.runtime}: blob ${bytes(size)} — encrypt / AES-GCM alone = ${ratio(encrypt / aes)}, decrypt / AES-GCM alone = ${ratio(decrypt / aesDecrypt)}`,
        );
      }
    }
  }
  return lines;
};

export const syncTable = (pipeline: readonly PipelineFigures[], syncInbox: readonly SyncInboxFigures[]): string => {
  const first = pipeline[0];
  const real = new Map(syncInbox.map((figure) => [figure.messages, figure]));
  const firstReal = syncInbox[0];
  const rows = pipeline.map((figure) => {
    const measured = real.get(figure.messages);
    return [
      count(figure.messages),
      (figure.plaintextBytes / 1024 / 1024).toFixed(2),
      ...PIPELINE_STEPS.map((step) => ms(figure.steps[step])),
      ms(figure.totalMs),
      first ? ratio(figure.totalMs / first.totalMs) : '',
      measured ? ms(measured.medianMs) : '–',
      measured && firstReal ? ratio(measured.medianMs / firstReal.medianMs) : '–',
    ];
  });
  return table(
    ['messages', 'blob MiB', ...PIPELINE_STEPS, 'pipeline total', '× at 100', 'SyncInbox ms', '× at 100'],
    rows,
    [true, true, ...PIPELINE_STEPS.map(() => true), true, true, true, true],
  );
};

export const syncInboxBreakdownTable = (syncInbox: readonly SyncInboxFigures[]): string => {
  const phases = [...new Set(syncInbox.flatMap((figure) => Object.keys(figure.phases)))];
  if (phases.length === 0) return '';
  return table(
    ['messages', 'SyncInbox ms', ...phases.map((phase) => `${phase} ms`)],
    syncInbox.map((figure) => [count(figure.messages), ms(figure.medianMs), ...phases.map((phase) => ms(figure.phases[phase] ?? 0))]),
    [true, true, ...phases.map(() => true)],
  );
};

export const machineLines = (machine: MachineInfo, extra: Readonly<Record<string, string>>): string[] => [
  `- CPU: ${machine.cpuModel}, ${machine.cores} cores (os.availableParallelism)`,
  `- memory: ${machine.memoryGiB} GiB; kernel ${machine.kernel}; Node ${machine.node}`,
  ...Object.entries(extra).map(([key, value]) => `- ${key}: ${value}`),
];
