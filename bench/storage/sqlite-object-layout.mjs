import Database from 'better-sqlite3';
import fs from 'node:fs'; import path from 'node:path'; import os from 'node:os'; import crypto from 'node:crypto';
const N = Number(process.env.N || 100); const SIZE = 1 << 20;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'h14-bench-'));
const open = (f) => { const db = new Database(path.join(dir, f)); db.pragma('journal_mode = WAL'); db.pragma('synchronous = FULL'); return db; };
const payloads = Array.from({ length: N }, () => crypto.randomBytes(SIZE));
const ids = payloads.map(() => crypto.randomBytes(16).toString('base64url'));
// Wall time and this process's CPU time (user + system): on a loaded machine the second moves far less.
const time = (label, fn) => {
  const t = process.hrtime.bigint(); const cpu = process.cpuUsage(); fn();
  const ms = Number(process.hrtime.bigint() - t) / 1e6; const used = process.cpuUsage(cpu);
  console.log(`${label}: ${(ms / N).toFixed(2)} ms/object, CPU ${((used.user + used.system) / 1000 / N).toFixed(2)} ms/object`); return ms;
};

const a = open('blob.sqlite');
a.exec('CREATE TABLE o (owner TEXT, id TEXT, bytes INTEGER, data BLOB, UNIQUE(owner,id))');
const ins = a.prepare('INSERT INTO o VALUES (?,?,?,?)'); const sel = a.prepare('SELECT data FROM o WHERE owner=? AND id=?');
const w1 = time('BLOB column write (own txn, FULL)', () => payloads.forEach((p, i) => ins.run('alice', ids[i], p.length, p)));
const r1 = time('BLOB column read', () => ids.forEach((id) => sel.get('alice', id).data.length));

const b = open('meta.sqlite'); const files = path.join(dir, 'objects'); fs.mkdirSync(files);
b.exec('CREATE TABLE o (owner TEXT, id TEXT, bytes INTEGER, UNIQUE(owner,id))');
const insb = b.prepare('INSERT INTO o VALUES (?,?,?)'); const selb = b.prepare('SELECT bytes FROM o WHERE owner=? AND id=?');
const w2 = time('file + fsync + rename + dir fsync + row', () => payloads.forEach((p, i) => {
  const tmp = path.join(files, ids[i] + '.tmp'); const fd = fs.openSync(tmp, 'w'); fs.writeSync(fd, p); fs.fsyncSync(fd); fs.closeSync(fd);
  fs.renameSync(tmp, path.join(files, ids[i])); const d = fs.openSync(files, 'r'); fs.fsyncSync(d); fs.closeSync(d);
  insb.run('alice', ids[i], p.length);
}));
const r2 = time('file read (+ row lookup)', () => ids.forEach((id) => { selb.get('alice', id); fs.readFileSync(path.join(files, id)).length; }));
console.log(`write ratio file/blob ${(w2 / w1).toFixed(2)}, read ratio file/blob ${(r2 / r1).toFixed(2)}`);
fs.rmSync(dir, { recursive: true, force: true });
