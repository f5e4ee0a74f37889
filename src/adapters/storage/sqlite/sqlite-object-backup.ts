import BetterSqlite3, { type Database } from 'better-sqlite3';
import { SqliteObjectFiles } from './sqlite-object-files';

/** Each retry starts from a newer snapshot; only a store deleting objects faster than a copy is taken needs more. */
const ATTEMPTS = 5;

interface FileRow {
  readonly row_id: number;
  readonly file: string;
}

/**
 * SQLite's online backup copies rows, not the objects directory: the copy then gets each object's
 * bytes into its data column (the layout of rows from before object files, which every version
 * reads), so a backup stays one self-contained, consistent file. A file gone meanwhile means its
 * row was deleted after the snapshot: a newer snapshot no longer holds it, so the copy starts over.
 */
export const backUpWithObjectBytes = async (db: Database, files: SqliteObjectFiles | null, destination: string): Promise<void> => {
  for (let attempt = 1; ; attempt += 1) {
    await db.backup(destination);
    if (files === null || (await inlineObjectBytes(destination, files))) return;
    if (attempt === ATTEMPTS) throw new Error(`objects kept being deleted during ${ATTEMPTS} backup attempts; try again`);
  }
};

const inlineObjectBytes = async (copyFile: string, files: SqliteObjectFiles): Promise<boolean> => {
  const copy = new BetterSqlite3(copyFile);
  try {
    // The backup command syncs the finished copy once; a copy cut short is discarded anyway.
    copy.pragma('synchronous = OFF');
    const rows = copy.prepare<[], FileRow>('SELECT rowid AS row_id, file FROM store_objects WHERE file IS NOT NULL').all();
    const fill = copy.prepare<[Buffer, number]>('UPDATE store_objects SET data = ?, file = NULL WHERE rowid = ?');
    for (const row of rows) {
      const data = await files.read(row.file);
      if (data === null) return false;
      fill.run(data, row.row_id);
    }
    // Names of the live objects directory: nothing for the copy to unlink.
    copy.exec('DELETE FROM deleted_object_files');
    return true;
  } finally {
    copy.close();
  }
};
