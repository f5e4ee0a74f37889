import { readFileSync } from 'node:fs';
import type { CDPSession } from 'playwright-core';

/*
 * Peak memory while a page works, sampled every SAMPLE_MS from outside the page (no cross-origin
 * isolation, so performance.measureUserAgentSpecificMemory is not there):
 * - the page's JS heap plus its ArrayBuffer backing stores (CDP Runtime.getHeapUsage: usedSize +
 *   backingStorageSize), where a file held in memory by the page shows up;
 * - the resident memory (VmRSS in /proc) of every Chromium process (CDP SystemInfo.getProcessInfo
 *   names them): the blob store and the network buffers live in the browser process, not the page.
 */

const SAMPLE_MS = 50;
const MiB = 1024 * 1024;

export interface MemoryPeak {
  /** Page JS heap + array buffers just before the work (after a forced garbage collection), MiB. */
  readonly pageBeforeMiB: number;
  readonly pagePeakMiB: number;
  /** Sum of the VmRSS of all Chromium processes, MiB. */
  readonly chromiumBeforeMiB: number;
  readonly chromiumPeakMiB: number;
  readonly samples: number;
}

interface HeapUsage {
  readonly usedSize: number;
  readonly backingStorageSize?: number;
}

const pageBytes = async (page: CDPSession): Promise<number> => {
  const usage = (await page.send('Runtime.getHeapUsage')) as HeapUsage;
  return usage.usedSize + (usage.backingStorageSize ?? 0);
};

const residentBytes = (pid: number): number => {
  try {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] === undefined ? 0 : Number(match[1]) * 1024;
  } catch {
    // A process that ended between the listing and the read holds no memory any more.
    return 0;
  }
};

const chromiumBytes = async (browser: CDPSession): Promise<number> => {
  const { processInfo } = await browser.send('SystemInfo.getProcessInfo');
  return processInfo.reduce((sum, process) => sum + residentBytes(process.id), 0);
};

const toMiB = (bytes: number): number => Math.round((bytes / MiB) * 10) / 10;

/**
 * Runs `work` while sampling; `page` is a CDP session of the working page, `browser` one of the
 * browser. `live`: a forced garbage collection before each sample, so the page figure is what the
 * page still references (slower work; its time is not one to quote), not garbage V8 has not yet
 * collected.
 */
export const withMemoryPeak = async <T>(
  page: CDPSession,
  browser: CDPSession,
  work: () => Promise<T>,
  options: { readonly live: boolean } = { live: false },
): Promise<{ readonly value: T; readonly memory: MemoryPeak }> => {
  await page.send('HeapProfiler.collectGarbage');
  const pageBefore = await pageBytes(page);
  const chromiumBefore = await chromiumBytes(browser);
  let pagePeak = pageBefore;
  let chromiumPeak = chromiumBefore;
  let samples = 0;
  let working = true;
  const sampling = (async () => {
    while (working) {
      if (options.live) await page.send('HeapProfiler.collectGarbage');
      const [pageNow, chromiumNow] = await Promise.all([pageBytes(page), chromiumBytes(browser)]);
      pagePeak = Math.max(pagePeak, pageNow);
      chromiumPeak = Math.max(chromiumPeak, chromiumNow);
      samples += 1;
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
    }
  })();
  try {
    const value = await work();
    return {
      value,
      memory: { pageBeforeMiB: toMiB(pageBefore), pagePeakMiB: toMiB(pagePeak), chromiumBeforeMiB: toMiB(chromiumBefore), chromiumPeakMiB: toMiB(chromiumPeak), samples },
    };
  } finally {
    working = false;
    await sampling;
  }
};
