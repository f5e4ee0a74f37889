import type { Database } from 'better-sqlite3';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SqliteObjectFiles } from './sqlite-object-files';

interface NamedFile {
  readonly owner: string;
  readonly id: string;
  readonly bytes: number;
  readonly file: string;
}

/** One line per object whose file is missing or not as long as its row says; none when every file is whole. */
export const objectFileFindings = async (db: Database, files: SqliteObjectFiles | null): Promise<string[]> => {
  const rows = db.prepare<[], NamedFile>('SELECT owner, id, bytes, file FROM store_objects WHERE file IS NOT NULL ORDER BY owner, id').all();
  if (rows.length > 0 && files === null) return [`${rows.length} objects name files, and this database has no objects directory`];
  const findings: string[] = [];
  for (const row of rows) {
    const size = await stat(join(files?.dir ?? '', row.file)).then(
      (found) => found.size,
      () => null,
    );
    if (size === null) findings.push(`object ${row.owner}/${row.id}: its file ${row.file} is missing`);
    else if (size !== row.bytes) findings.push(`object ${row.owner}/${row.id}: its file ${row.file} holds ${size} bytes, not ${row.bytes}`);
  }
  return findings;
};
