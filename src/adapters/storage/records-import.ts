import {
  countRecord,
  DumpImportGuard,
  DumpRecord,
  holdsNothing,
  ImportOptions,
  NO_RECORDS,
  RecordCounts,
  TargetNotEmpty,
} from '../../application/ports/storage-dump';
import { err, ok, Result } from '../../domain/protocol/result';

/** What one adapter does to load records; `importRecords` does what every import does around it. */
export interface RecordWriter {
  counts(): Promise<RecordCounts>;
  /** Wipes everything, sessions and captchas included. */
  clear(): Promise<void>;
  /** Writes one record (or queues it for a batch); it was checked to come in DUMP_ORDER. */
  write(record: DumpRecord): Promise<void>;
  /** Writes whatever is still queued. */
  finish(): Promise<void>;
}

/**
 * `StorageDump.importAll` for every adapter: refuses a target that holds anything unless
 * `replaceExisting` (then wipes it first), checks every record before writing it, and returns what
 * it wrote.
 */
export const importRecords = async (
  writer: RecordWriter,
  records: AsyncIterable<DumpRecord>,
  options: ImportOptions = {},
): Promise<Result<RecordCounts, TargetNotEmpty>> => {
  const found = await writer.counts();
  if (!holdsNothing(found)) {
    if (!options.replaceExisting) return err({ code: 'dump/target-not-empty', found });
    await writer.clear();
  }
  const guard = new DumpImportGuard();
  let written = NO_RECORDS;
  for await (const record of records) {
    guard.check(record);
    await writer.write(record);
    written = countRecord(written, record);
  }
  await writer.finish();
  return ok(written);
};
