import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { currentLoadAverage, describeMachine } from './report/machine';
import { machineLines, syncInboxBreakdownTable } from './report/markdown';
import { formatCount } from './report/svg-chart';
import { storeSyncChart } from './report/store-chart';
import { HeadComposition, headComposition } from './sync/head-composition';
import { HISTORY_FRIENDS, runSyncGrowth, SyncGrowthResult } from './sync/sync-growth';
import { LogInFigures } from './sync/sync-inbox-bench';

/*
 * `npm run bench -- --store` (bench/run.mjs bundles this file): issue 14's user store against the
 * single blob, in one run on one SQLite home server in a child process. For N stored messages:
 * one sync with one new message the v1 way (the blob pipeline) and the v2 way (the client's
 * SyncInbox on a format 2 head with sealed pages and indexes), the bytes each uploads, and the
 * log-in to the newest conversation (Argon2id's time taken out). Writes bench-output/results-store.{md,json}
 * and bench-output/store-sync.svg, copied to docs/bench/ unless `--quick`.
 */

const OUTPUT_DIR = 'bench-output';
const DOCS_CHART = join('docs', 'bench', 'store-sync.svg');

const log = (line: string): void => void process.stdout.write(`${line}\n`);

const kib = (bytes: number): string => `${formatCount(Math.round((bytes / 1024) * 10) / 10)} KiB`;
const ms = (value: number): string => formatCount(Math.round(value * 10) / 10);
const times = (value: number): string => `${formatCount(Math.round(value * 100) / 100)}×`;

/** The server's slow hash of the authKey (scrypt) answers this call: it costs the same at any history size. */
const SERVER_PASSWORD_CHECK = 'HTTP openSession';

const storeTable = (sync: SyncGrowthResult): string => {
  const v1Base = sync.pipeline[0]?.totalMs ?? 1;
  const v2Base = sync.syncInbox[0]?.medianMs ?? 1;
  const logInBase = sync.logIn[0]?.medianMs ?? 1;
  const storePart = (figure: LogInFigures): number => figure.medianMs - (figure.phases[SERVER_PASSWORD_CHECK] ?? 0);
  const storeBase = sync.logIn[0] === undefined ? 1 : storePart(sync.logIn[0]);
  const rows = sync.syncInbox.map((v2, i) => {
    const v1 = sync.pipeline[i];
    const entered = sync.logIn[i];
    return [
      formatCount(v2.messages),
      v1 === undefined ? '–' : `${ms(v1.totalMs)} (${times(v1.totalMs / v1Base)})`,
      `${ms(v2.medianMs)} (${times(v2.medianMs / v2Base)})`,
      v1 === undefined ? '–' : kib(v1.ciphertextChars),
      `${kib(v2.uploadedBytes)} (head ${kib(v2.headBytes)})`,
      entered === undefined ? '–' : `${ms(entered.medianMs)} (${times(entered.medianMs / logInBase)})`,
      entered === undefined ? '–' : `${ms(storePart(entered))} (${times(storePart(entered) / storeBase)})`,
      entered === undefined ? '–' : String(entered.entriesShown),
    ];
  });
  return [
    '| messages stored | v1 sync ms (× at 100) | v2 SyncInbox ms (× at 100) | v1 bytes up | v2 bytes up | v2 log-in to newest chat ms, after Argon2id (× at 100) | the same without the server scrypt (× at 100) | entries shown |',
    '|---|---|---|---|---|---|---|---|',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
};

const logInBreakdown = (sync: SyncGrowthResult): string => {
  const phases = [...new Set(sync.logIn.flatMap((figure) => Object.keys(figure.phases)))];
  return [
    `| messages | ${phases.join(' | ')} |`,
    `|---|${phases.map(() => '---').join('|')}|`,
    ...sync.logIn.map((figure) => `| ${formatCount(figure.messages)} | ${phases.map((phase) => ms(figure.phases[phase] ?? 0)).join(' | ')} |`),
  ].join('\n');
};

const searchTable = (sync: SyncGrowthResult): string =>
  [
    '| messages | pages and indexes | results | cold: no object cached, first results / all (ms) | cached: new session, objects cached, first results / all (ms) | again: same session, another query (ms) |',
    '|---|---|---|---|---|---|',
    ...sync.search.map(
      (f) => `| ${formatCount(f.messages)} | ${f.objects} | ${formatCount(f.results)} | ${ms(f.coldFirstMs)} / ${ms(f.coldMs)} | ${ms(f.cachedFirstMs)} / ${ms(f.cachedMs)} | ${ms(f.againMs)} |`,
    ),
  ].join('\n');

const kb = (bytes: number): string => formatCount(Math.round(bytes / 100) / 10);

/** The head's plaintext by member (KB of JSON), so what grows with the history shows apart. */
const compositionTable = (heads: readonly HeadComposition[]): string => {
  const shown = ['tail', 'pages', 'indexes', 'processedInboxItems', 'friends'];
  const rest = (head: HeadComposition): number => head.bytes - shown.reduce((sum, member) => sum + (head.members[member] ?? 0), 0);
  return [
    '| messages | head plaintext KB | tail KB (messages) | pages KB (refs) | indexes KB (refs) | processedInboxItems KB (ids) | friends KB | the rest KB |',
    '|---|---|---|---|---|---|---|---|',
    ...heads.map(
      (head) =>
        `| ${formatCount(head.messages)} | ${kb(head.bytes)} | ${kb(head.members['tail'] ?? 0)} (${head.tailMessages}) | ${kb(head.members['pages'] ?? 0)} (${head.pageRefs}) | ` +
        `${kb(head.members['indexes'] ?? 0)} (${head.indexRefs}) | ${kb(head.members['processedInboxItems'] ?? 0)} (${formatCount(head.processedIds)}) | ${kb(head.members['friends'] ?? 0)} | ${kb(rest(head))} |`,
    ),
  ].join('\n');
};

const main = async (): Promise<void> => {
  const quick = process.argv.includes('--quick');
  // `--size=100000` measures that history size alone, for a quick fresh figure at one size.
  const onlySize = process.argv.find((arg) => arg.startsWith('--size='))?.slice('--size='.length);
  const startedAt = new Date();
  const machine = describeMachine();
  log(`starbase store bench${quick ? ' (quick)' : ''}: ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}, load ${machine.loadAverageAtStart}`);
  const sync = await runSyncGrowth({
    sizes: onlySize !== undefined ? [Number(onlySize)] : quick ? [100, 1000, 10000] : [100, 1000, 10000, 100000],
    samples: quick ? 1 : 5,
    bigSize: 100000,
    bigSamples: quick ? 1 : 3,
    logIn: true,
    log,
  });
  const heads = sync.syncInbox.map((figures) => headComposition(figures.messages, HISTORY_FRIENDS));
  const elapsedS = Math.round((Date.now() - startedAt.getTime()) / 1000);
  const markdown = [
    `# starbase store bench${quick ? ' (quick run: not figures to quote)' : ''}`,
    '',
    ...machineLines(machine, {
      'load average (1 min) at start / end': `${machine.loadAverageAtStart} / ${currentLoadAverage()}`,
      'bench wall time': `${elapsedS} s`,
      date: startedAt.toISOString(),
    }),
    '',
    '## One sync with one new message, v1 blob against v2 user store (median)',
    '',
    storeTable(sync),
    '',
    '### v2 SyncInbox, split by port (median ms)',
    '',
    syncInboxBreakdownTable(sync.syncInbox),
    '',
    '### v2 head as seeded (upgradeV1 of the bench history), by member',
    '',
    compositionTable(heads),
    '',
    '### v2 log-in, split by port (median ms, Argon2id included here)',
    '',
    logInBreakdown(sync),
    '',
    '## Search across the whole history (SearchHistory, one query, all results)',
    '',
    searchTable(sync),
    '',
  ].join('\n');
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const svg = storeSyncChart(
    sync.pipeline,
    sync.syncInbox,
    sync.logIn,
    `starbase npm run bench -- --store, ${startedAt.toISOString().slice(0, 10)}: ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}, load ${machine.loadAverageAtStart}; SQLite server on loopback; ${sync.friends} friends`,
  );
  writeFileSync(join(OUTPUT_DIR, 'store-sync.svg'), svg);
  if (!quick && onlySize === undefined) {
    mkdirSync(join('docs', 'bench'), { recursive: true });
    copyFileSync(join(OUTPUT_DIR, 'store-sync.svg'), DOCS_CHART);
  }
  writeFileSync(join(OUTPUT_DIR, 'results-store.md'), markdown);
  writeFileSync(join(OUTPUT_DIR, 'results-store.json'), `${JSON.stringify({ quick, startedAt: startedAt.toISOString(), elapsedS, machine, sync, heads }, null, 2)}\n`);
  log(`\n${markdown}`);
  log(`wrote ${OUTPUT_DIR}/results-store.{md,json} and ${OUTPUT_DIR}/store-sync.svg${quick || onlySize !== undefined ? '' : ` and ${DOCS_CHART}`} in ${elapsedS} s`);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
