import {
  countRecord,
  NO_RECORDS,
  RECORD_COUNT_NAMES,
  RecordCountName,
  RecordCounts,
  DumpRecord,
  StorageDump,
} from '../ports/storage-dump';
import { err, ok, Result } from '../../domain/protocol/result';

export interface MigrationProgress {
  /** What has been read from the source and handed to the target so far. */
  readonly copied: RecordCounts;
  /** True on the last report, once every record has been written. */
  readonly done: boolean;
}

export interface MigrationOptions {
  readonly onProgress?: (progress: MigrationProgress) => void;
  /** Records between two progress reports (default 1000). */
  readonly progressEvery?: number;
  /** Wipe a target that already holds data instead of refusing (sessions and captchas included). */
  readonly replaceExisting?: boolean;
}

export interface MigrationReport {
  /** Counted on the source after the copy. */
  readonly source: RecordCounts;
  /** Counted as the records went through. */
  readonly copied: RecordCounts;
  /** Counted on the target after the copy. */
  readonly target: RecordCounts;
}

export interface CountMismatch {
  readonly name: RecordCountName;
  readonly source: number;
  readonly copied: number;
  readonly target: number;
}

export type MigrationError =
  | { readonly code: 'migration/target-not-empty'; readonly found: RecordCounts }
  | { readonly code: 'migration/counts-mismatch'; readonly report: MigrationReport; readonly mismatches: CountMismatch[] };

const DEFAULT_PROGRESS_EVERY = 1000;

/**
 * Copies everything durable from `source` to `target` (secrets, invites, accounts, blobs, drop
 * tokens, inbox items; not sessions or captchas, so users log in again), then checks that source,
 * copy and target agree on every count. Both storages must be idle: run it with the server stopped.
 * A source that changed during the copy shows up as a mismatch too.
 */
export const migrateStorage = async (
  source: StorageDump,
  target: StorageDump,
  options: MigrationOptions = {},
): Promise<Result<MigrationReport, MigrationError>> => {
  const tally = new CopyTally(options);
  const imported = await target.importAll(tally.pass(source.exportAll()), { replaceExisting: options.replaceExisting ?? false });
  if (!imported.ok) return err({ code: 'migration/target-not-empty', found: imported.error.found });
  tally.finish();

  const report: MigrationReport = { source: await source.counts(), copied: tally.copied, target: await target.counts() };
  const mismatches = compareCounts(report);
  return mismatches.length === 0 ? ok(report) : err({ code: 'migration/counts-mismatch', report, mismatches });
};

export const compareCounts = (report: MigrationReport): CountMismatch[] =>
  RECORD_COUNT_NAMES.filter(
    (name) => report.source[name] !== report.target[name] || report.source[name] !== report.copied[name],
  ).map((name) => ({ name, source: report.source[name], copied: report.copied[name], target: report.target[name] }));

/** One line per count, for the operator: `accounts  12  12  12  ok`. */
export const formatMigrationReport = (report: MigrationReport): string[] => {
  const width = Math.max(...RECORD_COUNT_NAMES.map((name) => name.length));
  const header = `${'what'.padEnd(width)}  ${'source'.padStart(12)}  ${'copied'.padStart(12)}  ${'target'.padStart(12)}`;
  const rows = RECORD_COUNT_NAMES.map((name) => {
    const { source, copied, target } = { source: report.source[name], copied: report.copied[name], target: report.target[name] };
    const verdict = source === copied && source === target ? 'ok' : 'MISMATCH';
    return `${name.padEnd(width)}  ${String(source).padStart(12)}  ${String(copied).padStart(12)}  ${String(target).padStart(12)}  ${verdict}`;
  });
  return [header, ...rows];
};

class CopyTally {
  copied = NO_RECORDS;
  private sinceReport = 0;
  private readonly every: number;

  constructor(private readonly options: MigrationOptions) {
    this.every = Math.max(1, options.progressEvery ?? DEFAULT_PROGRESS_EVERY);
  }

  async *pass(records: AsyncIterable<DumpRecord>): AsyncIterable<DumpRecord> {
    for await (const record of records) {
      this.copied = countRecord(this.copied, record);
      yield record;
      if (++this.sinceReport >= this.every) {
        this.sinceReport = 0;
        this.options.onProgress?.({ copied: this.copied, done: false });
      }
    }
  }

  finish(): void {
    this.options.onProgress?.({ copied: this.copied, done: true });
  }
}
