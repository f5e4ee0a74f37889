import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { measureCryptoInChromium, measureCryptoInNode } from './client/crypto-bench';
import { runFilesOnly } from './files/files-main';
import { ClientCryptoFigures, CryptoPlan, DEFAULT_CRYPTO_PLAN } from './client/crypto-figures';
import { currentLoadAverage, describeMachine } from './report/machine';
import { cryptoRatios, cryptoTable, httpTable, machineLines, syncInboxBreakdownTable, syncTable } from './report/markdown';
import { syncGrowthChart } from './report/sync-chart';
import { HTTP_SCENARIOS, HttpScenario, runHttpBench } from './server/http-bench';
import { runSyncGrowth } from './sync/sync-growth';

/*
 * `npm run bench` (bench/run.mjs bundles this file and runs it from the repository root).
 * Loopback only; every server runs in a child process. Writes bench-output/results.{json,md} and
 * bench-output/sync-growth.svg, copies the chart to docs/bench/, and prints the tables.
 * `--quick` shortens every run (a smoke test of the bench itself, not figures to quote).
 * `--only=files` runs only the files bench (issue 15: bench/files/). `--only=drops,inbox` runs just those HTTP scenarios (of drops, drops-full, inbox, blob, objects) and skips
 * the client crypto and sync parts; `--cpu-prof` runs the starbase servers with Node's `--cpu-prof`,
 * writing `.cpuprofile` files into bench-output/profiles/ when they stop.
 */

const OUTPUT_DIR = 'bench-output';
const DOCS_CHART = join('docs', 'bench', 'sync-growth.svg');

const log = (line: string): void => void process.stdout.write(`${line}\n`);

const section = async <T>(title: string, work: () => Promise<T>): Promise<T> => {
  const started = Date.now();
  log(`\n== ${title}`);
  const result = await work();
  log(`== ${title}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return result;
};

const PROFILE_DIR = join(OUTPUT_DIR, 'profiles');

const selectedScenarios = (): { readonly scenarios: ReadonlySet<HttpScenario>; readonly httpOnly: boolean } => {
  const only = process.argv.find((arg) => arg.startsWith('--only='));
  if (only === undefined) return { scenarios: new Set(HTTP_SCENARIOS), httpOnly: false };
  const names = only.slice('--only='.length).split(',');
  const unknown = names.filter((name) => !(HTTP_SCENARIOS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`--only: unknown scenario ${unknown.join(', ')} (known: ${HTTP_SCENARIOS.join(', ')})`);
  return { scenarios: new Set(names as HttpScenario[]), httpOnly: true };
};

const main = async (): Promise<void> => {
  const quick = process.argv.includes('--quick');
  if (process.argv.includes('--only=files')) {
    const machine = describeMachine();
    log(`starbase bench, files${quick ? ' (quick)' : ''}: ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}, load ${machine.loadAverageAtStart}`);
    await runFilesOnly({ quick, keepOnly: process.argv.includes('--keep-only'), machine, log });
    return;
  }
  const { scenarios, httpOnly } = selectedScenarios();
  const profile = process.argv.includes('--cpu-prof');
  if (profile) mkdirSync(PROFILE_DIR, { recursive: true });
  const startedAt = new Date();
  const machine = describeMachine();
  log(`starbase bench${quick ? ' (quick)' : ''}: ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}, load ${machine.loadAverageAtStart}`);

  const http = await section('HTTP (autocannon)', () =>
    runHttpBench({
      connections: [1, 64],
      durationS: quick ? 2 : 6,
      warmupS: quick ? 0.5 : 1,
      scenarios,
      serverNodeArgs: profile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [],
      log,
    }),
  );
  if (httpOnly) {
    const markdown = ['# starbase bench results (HTTP only: --only)', '', ...machineLines(machine, { date: startedAt.toISOString(), 'load average (1 min) at start / end': `${machine.loadAverageAtStart} / ${currentLoadAverage()}` }), '', httpTable(http), ''].join('\n');
    mkdirSync(OUTPUT_DIR, { recursive: true });
    writeFileSync(join(OUTPUT_DIR, 'results-http.md'), markdown);
    writeFileSync(join(OUTPUT_DIR, 'results-http.json'), `${JSON.stringify({ quick, startedAt: startedAt.toISOString(), machine, loadAtEnd: currentLoadAverage(), http }, null, 2)}\n`);
    log(`\n${markdown}\nload average at end: ${currentLoadAverage()}\nwrote ${OUTPUT_DIR}/results-http.{md,json}${profile ? ` and profiles in ${PROFILE_DIR}` : ''}`);
    return;
  }

  const plan: CryptoPlan = quick ? { ...DEFAULT_CRYPTO_PLAN, argon2Runs: 1, messageRuns: 2, blobRuns: 1 } : DEFAULT_CRYPTO_PLAN;
  const crypto: ClientCryptoFigures[] = await section('client crypto (Node, then Chromium)', async () => [
    await measureCryptoInNode(plan, log),
    await measureCryptoInChromium(plan, log),
  ]);

  const sync = await section('sync cost growth', () =>
    runSyncGrowth({ sizes: quick ? [100, 1000, 10000] : [100, 1000, 10000, 100000], samples: quick ? 1 : 3, bigSize: 100000, bigSamples: 1, log }),
  );

  const finishedAt = new Date();
  const elapsedS = Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000);
  const chromium = crypto[1]?.runtime ?? 'Chromium';
  const machineText = machineLines(machine, {
    browser: `${chromium} (Debian, headless, playwright-core)`,
    'load average (1 min) at start / end': `${machine.loadAverageAtStart} / ${currentLoadAverage()}`,
    'bench wall time': `${elapsedS} s`,
    date: startedAt.toISOString(),
  });

  const markdown = [
    `# starbase bench results${quick ? ' (quick run: not figures to quote)' : ''}`,
    '',
    ...machineText,
    '',
    '## HTTP (autocannon, loopback, one server process each)',
    '',
    httpTable(http),
    '',
    '## Client crypto (median per operation)',
    '',
    cryptoTable(crypto),
    '',
    ...cryptoRatios(crypto).map((line) => `- ${line}`),
    '',
    '## Sync cost growth (one new message; median ms)',
    '',
    syncTable(sync.pipeline, sync.syncInbox),
    '',
    '### SyncInbox, split by port (median ms)',
    '',
    syncInboxBreakdownTable(sync.syncInbox),
    '',
  ].join('\n');

  mkdirSync(OUTPUT_DIR, { recursive: true });
  const svg = syncGrowthChart(
    sync.pipeline,
    sync.syncInbox,
    `starbase npm run bench, ${startedAt.toISOString().slice(0, 10)}: ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}; SQLite server on loopback; ${sync.friends} friends in the history`,
  );
  writeFileSync(join(OUTPUT_DIR, 'sync-growth.svg'), svg);
  if (!quick) {
    mkdirSync(join('docs', 'bench'), { recursive: true });
    copyFileSync(join(OUTPUT_DIR, 'sync-growth.svg'), DOCS_CHART);
  }
  writeFileSync(join(OUTPUT_DIR, 'results.md'), markdown);
  writeFileSync(
    join(OUTPUT_DIR, 'results.json'),
    `${JSON.stringify({ quick, startedAt: startedAt.toISOString(), finishedAt: finishedAt.toISOString(), elapsedS, machine, http, crypto, sync }, null, 2)}\n`,
  );
  log(`\n${markdown}`);
  log(`wrote ${OUTPUT_DIR}/results.json, ${OUTPUT_DIR}/results.md, ${OUTPUT_DIR}/sync-growth.svg${quick ? '' : ` and ${DOCS_CHART}`} in ${elapsedS} s`);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
