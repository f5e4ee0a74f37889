import { readFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import type { TracedRequest } from './browser-entry';

/*
 * Where SendFiles' time per chunk goes (issue 15): one SendFiles with every fetch timed in the page
 * (start to response headers), Chromium's own timing of each request (CDP Network: upload vs
 * waiting for the answer, and whether a CORS preflight was sent), and the CPU time each process
 * spent meanwhile (/proc for the two servers, CDP SystemInfo for Chromium's processes).
 */

const CLOCK_TICKS_PER_SECOND = 100;

export interface SendTrace {
  readonly chunks: number;
  readonly ms: number;
  /** Medians per chunk, ms. */
  readonly dropMs: number;
  readonly ownPutMs: number;
  /** From the later of a chunk's two answers to the next chunk's first request: the page's own work. */
  readonly gapMs: number;
  /** Before the first chunk's requests (journal, hash set-up, first read and seal) and after the last one's answers (the message itself). */
  readonly leadMs: number;
  readonly tailMs: number;
  /** The requests after the last chunk's answers: method, path without the API prefix, ms to headers. */
  readonly tailRequests: readonly string[];
  /** Chromium's timing of the drop and own PUT (medians): request body sent, then waiting for the answer's headers. */
  readonly dropUploadMs: number;
  readonly dropWaitMs: number;
  readonly ownUploadMs: number;
  readonly ownWaitMs: number;
  readonly preflights: number;
  /** CPU per chunk, ms. */
  readonly cpu: { readonly aliceServer: number; readonly bobServer: number; readonly chromium: number; readonly chromiumByType: Readonly<Record<string, number>> };
}

const cpuMsOfPid = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND) * 1000;
};

/** CPU ms of Chromium's processes by type (browser, renderer, utility: the network service, gpu). */
const chromiumCpuMs = async (browser: CDPSession): Promise<Map<string, number>> => {
  const { processInfo } = await browser.send('SystemInfo.getProcessInfo');
  const byType = new Map<string, number>();
  for (const process of processInfo) byType.set(process.type, (byType.get(process.type) ?? 0) + process.cpuTime * 1000);
  return byType;
};

const sumOf = (byType: Map<string, number>): number => [...byType.values()].reduce((sum, ms) => sum + ms, 0);

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : (sorted[Math.floor(sorted.length / 2)] ?? NaN);
};

interface NetworkTiming {
  readonly sendStart: number;
  readonly sendEnd: number;
  readonly receiveHeadersEnd: number;
}

const isDrop = (method: string, path: string): boolean => method === 'POST' && /\/users\/[^/]+\/objects$/.test(path);
const isOwnPut = (method: string, path: string): boolean => method === 'PUT' && /\/store\/objects\/[^/]+$/.test(path);

export const traceSend = async (
  page: { readonly page: Page; readonly cdp: CDPSession },
  browser: CDPSession,
  servers: { readonly alicePid: number; readonly bobPid: number },
  to: string,
  file: string,
): Promise<SendTrace> => {
  const methods = new Map<string, { method: string; path: string; preflight: boolean }>();
  const timings: { method: string; path: string; timing: NetworkTiming }[] = [];
  const onRequest = (event: { requestId: string; type?: string; request: { method: string; url: string } }): void => {
    methods.set(event.requestId, { method: event.request.method, path: new URL(event.request.url).pathname, preflight: event.type === 'Preflight' || event.request.method === 'OPTIONS' });
  };
  const onResponse = (event: { requestId: string; response: { timing?: NetworkTiming } }): void => {
    const request = methods.get(event.requestId);
    if (request !== undefined && event.response.timing !== undefined) timings.push({ ...request, timing: event.response.timing });
  };
  await page.cdp.send('Network.enable');
  page.cdp.on('Network.requestWillBeSent', onRequest);
  page.cdp.on('Network.responseReceived', onResponse);
  const before = { alice: cpuMsOfPid(servers.alicePid), bob: cpuMsOfPid(servers.bobPid), chromium: await chromiumCpuMs(browser) };
  const traced = await page.page.evaluate(([friend, name]) => window.filesBench.traceSend(friend, name), [to, file] as const);
  const after = { alice: cpuMsOfPid(servers.alicePid), bob: cpuMsOfPid(servers.bobPid), chromium: await chromiumCpuMs(browser) };
  page.cdp.off('Network.requestWillBeSent', onRequest);
  page.cdp.off('Network.responseReceived', onResponse);
  await page.cdp.send('Network.disable');

  const drops = traced.requests.filter((request) => isDrop(request.method, request.path));
  const ownPuts = traced.requests.filter((request) => isOwnPut(request.method, request.path));
  const chunks = Math.max(drops.length, ownPuts.length);
  const pairs: { start: number; end: number }[] = drops.map((drop, index) => {
    const own: TracedRequest | undefined = ownPuts[index];
    return { start: Math.min(drop.startMs, own?.startMs ?? Infinity), end: Math.max(drop.headersMs, own?.headersMs ?? 0) };
  });
  const gaps = pairs.slice(1).map((pair, index) => pair.start - (pairs[index]?.end ?? pair.start));
  const network = (match: (method: string, path: string) => boolean) => timings.filter((entry) => match(entry.method, entry.path)).map((entry) => entry.timing);
  const dropTimings = network(isDrop);
  const ownTimings = network(isOwnPut);
  const perChunk = (ms: number): number => ms / Math.max(1, chunks);
  return {
    chunks,
    ms: traced.ms,
    dropMs: median(drops.map((request) => request.headersMs - request.startMs)),
    ownPutMs: median(ownPuts.map((request) => request.headersMs - request.startMs)),
    gapMs: median(gaps),
    leadMs: pairs[0]?.start ?? NaN,
    tailMs: traced.ms - (pairs[pairs.length - 1]?.end ?? NaN),
    tailRequests: traced.requests
      .filter((request) => request.startMs >= (pairs[pairs.length - 1]?.end ?? Infinity))
      .map((request) => `${request.method} ${request.path.replace(/^\/api\/v1/, '')} ${(request.headersMs - request.startMs).toFixed(0)} ms`),
    dropUploadMs: median(dropTimings.map((timing) => timing.sendEnd - timing.sendStart)),
    dropWaitMs: median(dropTimings.map((timing) => timing.receiveHeadersEnd - timing.sendEnd)),
    ownUploadMs: median(ownTimings.map((timing) => timing.sendEnd - timing.sendStart)),
    ownWaitMs: median(ownTimings.map((timing) => timing.receiveHeadersEnd - timing.sendEnd)),
    preflights: [...methods.values()].filter((request) => request.preflight).length,
    cpu: {
      aliceServer: perChunk(after.alice - before.alice),
      bobServer: perChunk(after.bob - before.bob),
      chromium: perChunk(sumOf(after.chromium) - sumOf(before.chromium)),
      chromiumByType: Object.fromEntries([...after.chromium].map(([type, ms]) => [type, perChunk(ms - (before.chromium.get(type) ?? 0))])),
    },
  };
};

export const describeTrace = (trace: SendTrace): string =>
  `SendFiles traced: ${trace.ms.toFixed(0)} ms for ${trace.chunks} chunks; per chunk (medians): drop ${trace.dropMs.toFixed(1)} ms (upload ${trace.dropUploadMs.toFixed(1)}, wait ${trace.dropWaitMs.toFixed(1)}), own PUT ${trace.ownPutMs.toFixed(1)} ms (upload ${trace.ownUploadMs.toFixed(1)}, wait ${trace.ownWaitMs.toFixed(1)}), gap between chunks ${trace.gapMs.toFixed(1)} ms; ${trace.leadMs.toFixed(0)} ms before the first chunk's requests, ${trace.tailMs.toFixed(0)} ms after the last one's answers (${trace.tailRequests.join(', ')}); preflights ${trace.preflights}; CPU per chunk: alice's server ${trace.cpu.aliceServer.toFixed(1)} ms, bob's ${trace.cpu.bobServer.toFixed(1)} ms, Chromium ${trace.cpu.chromium.toFixed(1)} ms (${Object.entries(trace.cpu.chromiumByType)
    .map(([type, ms]) => `${type} ${ms.toFixed(1)}`)
    .join(', ')})`;

/** Chromium's CPU ms per chunk by process type while `work` runs (for the raw PUTs, to set against SendFiles'). */
export const chromiumCpuPerChunk = async <T>(browser: CDPSession, chunks: number, work: () => Promise<T>): Promise<{ readonly value: T; readonly byType: Readonly<Record<string, number>> }> => {
  const before = await chromiumCpuMs(browser);
  const value = await work();
  const after = await chromiumCpuMs(browser);
  return { value, byType: Object.fromEntries([...after].map(([type, ms]) => [type, (ms - (before.get(type) ?? 0)) / chunks])) };
};

export const describeCpu = (byType: Readonly<Record<string, number>>): string =>
  Object.entries(byType)
    .map(([type, ms]) => `${type} ${ms.toFixed(1)}`)
    .join(', ');
