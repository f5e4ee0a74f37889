import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { bundleForBrowser, CHROMIUM_EXECUTABLE, CHROMIUM_FLAGS } from '../../test/support/browser';
import { authorityOf, createNodeMessenger } from '../../test/support/node-messenger';
import { bundledEntry, ChildServer, startChildServer } from '../server/child-server';
import { MemoryPeak, withMemoryPeak } from './memory-sampler';
import type { KeptOnDevice } from './switchable-upload-stores';
import { chromiumCpuPerChunk, describeCpu, describeTrace, SendTrace, traceSend } from './send-trace';

/*
 * Issue 15's files bench: two real home servers (SQLite, temp dirs, 127.0.0.1, child processes)
 * and a raw Fastify server; alice and bob are registered and befriended from Node, then each logs
 * in in headless Chromium through the client library, in a page served by their own home server
 * (as the web app is: own-store calls same-origin, the friend's server cross-origin). Measured in
 * one run, per size: raw 1 MiB PUTs and GETs of the same bytes, SendFiles, DownloadFile into a sink
 * that keeps nothing and into bytes, and the crypto alone; peak memory around each.
 */

const ENTRY = 'bench/files/browser-entry.ts';
const WARM_UP_MIB = 8;
const PASSWORDS = { alice: 'alice has a long bench passphrase', bob: 'bob has an even longer bench passphrase' };

export interface FileSizeFigures {
  readonly mib: number;
  /** Blob slices as bodies: the baseline. */
  readonly rawPutMs: number;
  /** The same PUTs with ArrayBuffer bodies. */
  readonly rawPutBytesMs: number;
  readonly rawGetMs: number;
  readonly send: { readonly ms: number; readonly memory: MemoryPeak };
  readonly download: { readonly ms: number; readonly memory: MemoryPeak };
  readonly downloadBytes: { readonly ms: number; readonly memory: MemoryPeak };
  /** The same three again, with garbage collected before each sample: what the page still holds. */
  readonly live: { readonly send: MemoryPeak; readonly download: MemoryPeak; readonly downloadBytes: MemoryPeak };
  readonly crypto: { readonly sealMs: number; readonly aesGcmMs: number; readonly streamingSha256Ms: number; readonly chunkSha256Ms: number };
  readonly trace: SendTrace;
  readonly keep: readonly KeepRound[];
}

/** One round of SendFiles without the upload stores, with the journal alone, then with the copy kept too; Chromium CPU ms per chunk by process type. */
export interface KeepRound {
  readonly withoutMs: number;
  readonly withoutCpu: Readonly<Record<string, number>>;
  readonly journalMs: number;
  readonly journalCpu: Readonly<Record<string, number>>;
  readonly keptMs: number;
  readonly keptCpu: Readonly<Record<string, number>>;
}

const KEEP_ROUNDS = 2;

/** SendFiles as the library sends (no upload stores) and as the web app does (journal and sealed copy in IndexedDB), alternately. */
const keepRounds = async (page: Page, browserCdp: CDPSession, to: string, name: string, mib: number, log: (line: string) => void): Promise<KeepRound[]> => {
  const rounds: KeepRound[] = [];
  for (let round = 0; round < KEEP_ROUNDS; round++) {
    const send = (kept: KeptOnDevice) => chromiumCpuPerChunk(browserCdp, mib, () => page.evaluate(([friend, file, what]) => window.filesBench.sendFile(friend, file, what), [to, name, kept] as const));
    const without = await send('none');
    const journal = await send('journal');
    const kept = await send('all');
    rounds.push({ withoutMs: without.value, withoutCpu: without.byType, journalMs: journal.value, journalCpu: journal.byType, keptMs: kept.value, keptCpu: kept.byType });
    log(
      `files ${mib} MiB: SendFiles without the upload stores ${without.value.toFixed(0)} ms (Chromium CPU per chunk ${describeCpu(without.byType)}), journal alone ${journal.value.toFixed(0)} ms (${describeCpu(journal.byType)}), and the kept copy ${kept.value.toFixed(0)} ms (${describeCpu(kept.byType)})`,
    );
  }
  return rounds;
};

export interface FilesFigures {
  readonly browser: string;
  readonly sizes: readonly FileSizeFigures[];
}

const SERVER_ENV = {
  STARBASE_HOST: '127.0.0.1',
  STARBASE_PORT: '0',
  STARBASE_STORAGE: 'sqlite',
  STARBASE_RATE_LIMITS: 'off',
  STARBASE_LOG_LEVEL: 'warn',
  STARBASE_REGISTRATION: 'open',
  STARBASE_CAPTCHA: 'pow',
  STARBASE_INBOX_BYTES: String(2 ** 34),
  STARBASE_STORE_BYTES: String(2 ** 36),
};

const noImageCaptcha = (): Promise<never> => Promise.reject(new Error('the bench servers ask proof-of-work captchas'));

/** The page's HTML and bundle, as a web root both home servers serve. */
const writeWebRoot = async (): Promise<string> => {
  const directory = mkdtempSync(join(tmpdir(), 'starbase-bench-files-web-'));
  const bundle = await bundleForBrowser(ENTRY);
  writeFileSync(join(directory, 'index.html'), '<!doctype html><meta charset="utf-8"><title>starbase files bench</title><link rel="icon" href="data:,"><script src="/files-bench.js"></script>');
  writeFileSync(join(directory, 'files-bench.js'), bundle.code);
  return directory;
};

const registerFriends = async (alice: string, bob: string): Promise<void> => {
  const aliceSession = await createNodeMessenger().messenger.register(alice, PASSWORDS.alice);
  const bobSession = await createNodeMessenger().messenger.register(bob, PASSWORDS.bob);
  await aliceSession.sendFriendRequest(bob, 'files bench', noImageCaptcha);
  await bobSession.sync();
  const request = bobSession.overview().incomingRequests.find((incoming) => incoming.from === alice);
  if (request === undefined) throw new Error('the friend request did not arrive');
  await bobSession.acceptFriendRequest(request.id);
  await aliceSession.sync();
  await bobSession.sync();
  await aliceSession.logOut();
  await bobSession.logOut();
};

interface BenchPage {
  readonly page: Page;
  readonly cdp: CDPSession;
  readonly errors: string[];
}

const openPage = async (browser: Browser, url: string, address: string, password: string): Promise<BenchPage> => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(([who, secret]) => window.filesBench.logIn(who, secret), [address, password] as const);
  return { page, cdp: await context.newCDPSession(page), errors };
};

export const runFilesBench = async (options: { readonly sizesMiB: readonly number[]; readonly log: (line: string) => void; readonly keepOnly?: boolean }): Promise<FilesFigures> => {
  const { log } = options;
  const dataDirs = [mkdtempSync(join(tmpdir(), 'starbase-bench-files-a-')), mkdtempSync(join(tmpdir(), 'starbase-bench-files-b-'))];
  const webRoot = await writeWebRoot();
  const servers: ChildServer[] = [];
  let browser: Browser | null = null;
  try {
    const [aliceDir, bobDir] = dataDirs as [string, string];
    const aliceServer = await startChildServer('starbase alice (sqlite)', bundledEntry('starbase-server'), ['serve'], { ...SERVER_ENV, STARBASE_DATA_DIR: aliceDir, STARBASE_WEB_ROOT: webRoot });
    servers.push(aliceServer);
    const bobServer = await startChildServer('starbase bob (sqlite)', bundledEntry('starbase-server'), ['serve'], { ...SERVER_ENV, STARBASE_DATA_DIR: bobDir, STARBASE_WEB_ROOT: webRoot });
    servers.push(bobServer);
    const raw = await startChildServer('raw file server', bundledEntry('raw-file-server'), [], {});
    servers.push(raw);
    const alice = `alice@${authorityOf(aliceServer.url)}`;
    const bob = `bob@${authorityOf(bobServer.url)}`;
    await registerFriends(alice, bob);
    log(`files: ${alice} and ${bob} are friends; raw server ${raw.url}`);

    browser = await chromium.launch({ executablePath: CHROMIUM_EXECUTABLE, headless: true, args: CHROMIUM_FLAGS });
    const browserCdp = await browser.newBrowserCDPSession();
    const alicePage = await openPage(browser, `${aliceServer.url}/`, alice, PASSWORDS.alice);
    const bobPage = await openPage(browser, `${bobServer.url}/`, bob, PASSWORDS.bob);

    // Every server and the page's code warmed up first: a cold Fastify took 1.4 s for ten 1 MiB PUTs, a warm one 0.11 s.
    const warmUp = 'warm-up.bin';
    await alicePage.page.evaluate(([file, size]) => window.filesBench.makeFile(file, size), [warmUp, WARM_UP_MIB] as const);
    await alicePage.page.evaluate(([url, file]) => window.filesBench.rawPut(url, file, 'blob'), [raw.url, warmUp] as const);
    await alicePage.page.evaluate(([url, file]) => window.filesBench.rawPut(url, file, 'bytes'), [raw.url, warmUp] as const);
    await bobPage.page.evaluate(([url, size]) => window.filesBench.rawGet(url, size), [raw.url, WARM_UP_MIB] as const);
    await alicePage.page.evaluate(([to, file]) => window.filesBench.sendFile(to, file), [bob, warmUp] as const);
    const warmUpId = await bobPage.page.evaluate(([from, file]) => window.filesBench.receiveFile(from, file), [alice, warmUp] as const);
    await bobPage.page.evaluate(([from, id]) => window.filesBench.download(from, id, 'stream'), [alice, warmUpId] as const);
    await alicePage.page.evaluate((file) => window.filesBench.cryptoAlone(file), warmUp);

    const sizes: FileSizeFigures[] = [];
    for (const mib of options.sizesMiB) {
      const name = `file-${mib}MiB.bin`;
      await alicePage.page.evaluate(([file, size]) => window.filesBench.makeFile(file, size), [name, mib] as const);
      const rawPut = await chromiumCpuPerChunk(browserCdp, mib, () => alicePage.page.evaluate(([url, file]) => window.filesBench.rawPut(url, file, 'blob'), [raw.url, name] as const));
      const rawPutMs = rawPut.value;
      log(`files ${mib} MiB: raw Blob PUTs ${rawPutMs.toFixed(0)} ms, Chromium CPU per chunk: ${describeCpu(rawPut.byType)}`);
      for (let round = 0; round < KEEP_ROUNDS; round++) {
        const alone = await chromiumCpuPerChunk(browserCdp, mib, () => alicePage.page.evaluate((file) => window.filesBench.keepAlone(file), name));
        log(`files ${mib} MiB: the kept copy alone ${alone.value.keepMs.toFixed(0)} ms, forgetting it ${alone.value.forgetMs.toFixed(0)} ms, Chromium CPU per chunk: ${describeCpu(alone.byType)}`);
      }
      const keep = await keepRounds(alicePage.page, browserCdp, bob, name, mib, log);
      if (options.keepOnly === true) continue;
      const rawPutBytesMs = await alicePage.page.evaluate(([url, file]) => window.filesBench.rawPut(url, file, 'bytes'), [raw.url, name] as const);
      for (const blobs of ['own', 'shared', 'own', 'shared'] as const) {
        const twice = await chromiumCpuPerChunk(browserCdp, mib, () => alicePage.page.evaluate(([url, file, mode]) => window.filesBench.rawPutTwice(url, file, mode), [raw.url, name, blobs] as const));
        log(`files ${mib} MiB: raw PUTs twice per chunk, ${blobs} Blob(s): ${twice.value.toFixed(0)} ms, Chromium CPU per chunk: ${describeCpu(twice.byType)}`);
      }
      const rawGetMs = await bobPage.page.evaluate(([url, size]) => window.filesBench.rawGet(url, size), [raw.url, mib] as const);
      log(`files ${mib} MiB: raw PUT ${rawPutMs.toFixed(0)} ms (ArrayBuffer bodies ${rawPutBytesMs.toFixed(0)} ms), raw GET ${rawGetMs.toFixed(0)} ms`);
      const sent = await withMemoryPeak(alicePage.cdp, browserCdp, () => alicePage.page.evaluate(([to, file]) => window.filesBench.sendFile(to, file), [bob, name] as const));
      log(`files ${mib} MiB: SendFiles ${sent.value.toFixed(0)} ms, page peak ${sent.memory.pagePeakMiB} MiB (from ${sent.memory.pageBeforeMiB})`);
      const messageId = await bobPage.page.evaluate(([from, file]) => window.filesBench.receiveFile(from, file), [alice, name] as const);
      const streamed = await withMemoryPeak(bobPage.cdp, browserCdp, () => bobPage.page.evaluate(([from, id]) => window.filesBench.download(from, id, 'stream'), [alice, messageId] as const));
      const whole = await withMemoryPeak(bobPage.cdp, browserCdp, () => bobPage.page.evaluate(([from, id]) => window.filesBench.download(from, id, 'bytes'), [alice, messageId] as const));
      if (streamed.value.bytes !== mib * 1024 * 1024 || whole.value.bytes !== mib * 1024 * 1024) throw new Error('a download came back short');
      log(`files ${mib} MiB: DownloadFile into a sink ${streamed.value.ms.toFixed(0)} ms (page peak ${streamed.memory.pagePeakMiB} MiB), as bytes ${whole.value.ms.toFixed(0)} ms (page peak ${whole.memory.pagePeakMiB} MiB)`);
      const live = { live: true };
      const liveSend = await withMemoryPeak(alicePage.cdp, browserCdp, () => alicePage.page.evaluate(([to, file]) => window.filesBench.sendFile(to, file), [bob, name] as const), live);
      const liveDownload = await withMemoryPeak(bobPage.cdp, browserCdp, () => bobPage.page.evaluate(([from, id]) => window.filesBench.download(from, id, 'stream'), [alice, messageId] as const), live);
      const liveBytes = await withMemoryPeak(bobPage.cdp, browserCdp, () => bobPage.page.evaluate(([from, id]) => window.filesBench.download(from, id, 'bytes'), [alice, messageId] as const), live);
      log(`files ${mib} MiB: live page peaks: send ${liveSend.memory.pagePeakMiB} MiB, download into a sink ${liveDownload.memory.pagePeakMiB} MiB, as bytes ${liveBytes.memory.pagePeakMiB} MiB`);
      const crypto = await alicePage.page.evaluate((file) => window.filesBench.cryptoAlone(file), name);
      log(`files ${mib} MiB: seal ${crypto.sealMs.toFixed(0)} ms, AES-GCM ${crypto.aesGcmMs.toFixed(0)} ms, SHA-256 streamed ${crypto.streamingSha256Ms.toFixed(0)} ms, per chunk ${crypto.chunkSha256Ms.toFixed(0)} ms`);
      const trace = await traceSend(alicePage, browserCdp, { alicePid: aliceServer.pid, bobPid: bobServer.pid }, bob, name);
      log(`files ${mib} MiB: ${describeTrace(trace)}`);
      sizes.push({
        mib,
        trace,
        keep,
        rawPutMs,
        rawPutBytesMs,
        rawGetMs,
        send: { ms: sent.value, memory: sent.memory },
        download: { ms: streamed.value.ms, memory: streamed.memory },
        downloadBytes: { ms: whole.value.ms, memory: whole.memory },
        live: { send: liveSend.memory, download: liveDownload.memory, downloadBytes: liveBytes.memory },
        crypto,
      });
    }
    const errors = [...alicePage.errors, ...bobPage.errors];
    if (errors.length > 0) throw new Error(`the bench pages reported errors: ${errors.join('; ')}`);
    return { browser: `Chromium ${browser.version()}`, sizes };
  } finally {
    await browser?.close();
    for (const server of servers.reverse()) await server.stop();
    for (const directory of [...dataDirs, webRoot]) rmSync(directory, { recursive: true, force: true });
  }
};

const ratio = (baselineMs: number, ms: number): string => `${(baselineMs / ms).toFixed(2)}×`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const throughput = (mib: number, ms: number): string => `${(mib / (ms / 1000)).toFixed(1)} MiB/s`;
const peak = (memory: MemoryPeak): string =>
  `${(memory.pagePeakMiB - memory.pageBeforeMiB).toFixed(1)} MiB (${memory.pageBeforeMiB} → ${memory.pagePeakMiB}) / ${(memory.chromiumPeakMiB - memory.chromiumBeforeMiB).toFixed(0)} MiB`;

const cpuCell = (byType: Readonly<Record<string, number>>): string => {
  const total = Object.values(byType).reduce((sum, ms) => sum + ms, 0);
  const of = (type: string): string => (byType[type] ?? 0).toFixed(1);
  return `${total.toFixed(1)} (${of('browser')} / ${of('renderer')} / ${of('network.mojom.NetworkService')})`;
};

const livePeak = (memory: MemoryPeak): string => `${(memory.pagePeakMiB - memory.pageBeforeMiB).toFixed(1)} MiB (${memory.samples} samples)`;

/** The markdown tables of BENCHMARKS.md's "Files (issue 15)" section. */
export const filesTables = (figures: FilesFigures): string => {
  const rows = figures.sizes.flatMap((size) => [
    `| ${size.mib} MiB | raw PUTs, 1 MiB Blob slices | ${seconds(size.rawPutMs)} | ${throughput(size.mib, size.rawPutMs)} | 1.00× | |`,
    `| ${size.mib} MiB | raw PUTs, 1 MiB ArrayBuffers | ${seconds(size.rawPutBytesMs)} | ${throughput(size.mib, size.rawPutBytesMs)} | ${ratio(size.rawPutMs, size.rawPutBytesMs)} | |`,
    `| ${size.mib} MiB | SendFiles (both copies) | ${seconds(size.send.ms)} | ${throughput(size.mib, size.send.ms)} | ${ratio(size.rawPutMs, size.send.ms)} | ${peak(size.send.memory)} |`,
    `| ${size.mib} MiB | raw GETs, 1 MiB each | ${seconds(size.rawGetMs)} | ${throughput(size.mib, size.rawGetMs)} | | |`,
    `| ${size.mib} MiB | DownloadFile into a sink | ${seconds(size.download.ms)} | ${throughput(size.mib, size.download.ms)} | ${ratio(size.rawPutMs, size.download.ms)} (${ratio(size.rawGetMs, size.download.ms)} of GETs) | ${peak(size.download.memory)} |`,
    `| ${size.mib} MiB | DownloadFile as bytes | ${seconds(size.downloadBytes.ms)} | ${throughput(size.mib, size.downloadBytes.ms)} | ${ratio(size.rawPutMs, size.downloadBytes.ms)} | ${peak(size.downloadBytes.memory)} |`,
  ]);
  const cryptoRows = figures.sizes.map(
    (size) =>
      `| ${size.mib} MiB | ${size.crypto.sealMs.toFixed(0)} ms | ${size.crypto.aesGcmMs.toFixed(0)} ms | ${ratio(size.crypto.aesGcmMs, size.crypto.sealMs)} | ${size.crypto.streamingSha256Ms.toFixed(0)} ms | ${size.crypto.chunkSha256Ms.toFixed(0)} ms |`,
  );
  const liveRows = figures.sizes.map(
    (size) => `| ${size.mib} MiB | ${livePeak(size.live.send)} | ${livePeak(size.live.download)} | ${livePeak(size.live.downloadBytes)} |`,
  );
  const keepRows = figures.sizes.flatMap((size) =>
    size.keep.map(
      (round) =>
        `| ${size.mib} MiB | ${seconds(round.withoutMs)} (${ratio(size.rawPutMs, round.withoutMs)}) | ${cpuCell(round.withoutCpu)} | ${seconds(round.journalMs)} (${ratio(size.rawPutMs, round.journalMs)}) | ${cpuCell(round.journalCpu)} | ${seconds(round.keptMs)} (${ratio(size.rawPutMs, round.keptMs)}) | ${cpuCell(round.keptCpu)} |`,
    ),
  );
  return [
    `${figures.browser}, headless. Ratio: the raw baseline's time over this row's (≥ 1 is as fast as the baseline). Memory: the page's JS heap + array buffers, peak minus before (before → peak), then all Chromium processes' RSS, peak minus before.`,
    '',
    '| file | what | time | throughput | ratio to raw PUTs | peak memory: page / Chromium |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    'Live memory: the same operations again, with a garbage collection forced (CDP HeapProfiler.collectGarbage) before each sample of the page\'s JS heap + array buffers: peak minus before.',
    '',
    '| file | SendFiles | DownloadFile into a sink | DownloadFile as bytes |',
    '|---|---|---|---|',
    ...liveRows,
    '',
    '| file | §9.1 sealing | WebCrypto AES-GCM, 1 MiB calls | ratio | SHA-256 streamed (hash-wasm) | SHA-256 per chunk (WebCrypto) |',
    '|---|---|---|---|---|---|',
    ...cryptoRows,
    '',
    'SendFiles without the upload stores, with the journal alone in IndexedDB, and as the web app (journal and sealed copy of the file in IndexedDB), in turn; ratio to raw Blob PUTs; Chromium CPU per chunk, ms.',
    '',
    '| file | without: time | Chromium CPU (browser / renderer / network) | journal: time | Chromium CPU | journal and copy: time | Chromium CPU |',
    '|---|---|---|---|---|---|---|',
    ...keepRows,
  ].join('\n');
};

export const writeFilesResults = (outputDir: string, markdown: string, figures: FilesFigures, extra: Record<string, unknown>): void => {
  mkdirSync(outputDir, { recursive: true });
  writeFileSync(join(outputDir, 'results-files.md'), markdown);
  writeFileSync(join(outputDir, 'results-files.json'), `${JSON.stringify({ ...extra, files: figures }, null, 2)}\n`);
};
