// The inbox page query alone (GET /inbox's 50 rows + 1): rows as objects (what the server does) against raw arrays and fewer columns.
// node bench/storage/inbox-page-query.mjs — microseconds per page, three rounds.
import Database from 'better-sqlite3';
import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path'; import crypto from 'node:crypto';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'page-bench-'));
const db = new Database(path.join(dir, 'x.sqlite'));
db.pragma('journal_mode = WAL');
db.exec(`CREATE TABLE inbox_items (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL, owner TEXT NOT NULL, kind TEXT NOT NULL,
 token_id TEXT, received_at INTEGER NOT NULL, envelope TEXT NOT NULL, envelope_bytes INTEGER NOT NULL);
 CREATE INDEX inbox_items_by_owner_seq ON inbox_items (owner, seq);`);
const ins = db.prepare('INSERT INTO inbox_items (id, owner, kind, token_id, received_at, envelope, envelope_bytes) VALUES (?,?,?,?,?,?,?)');
db.transaction(() => { for (let o = 0; o < 20; o++) for (let i = 0; i < 60; i++) { const env = JSON.stringify({v:1,nonce:crypto.randomBytes(12).toString('base64url'),ct:crypto.randomBytes(1024).toString('base64url')}); ins.run(crypto.randomBytes(16).toString('base64url'), 'user'+o, 'message', 'tok', Date.now(), env, env.length); } })();
const q = (cols) => db.prepare(`SELECT ${cols} FROM inbox_items WHERE owner = ? AND seq > ? ORDER BY seq LIMIT ?`);
const variants = {
  objects: q('seq, id, owner, kind, token_id, received_at, envelope'),
  raw: q('seq, id, owner, kind, token_id, received_at, envelope').raw(true),
  objectsNoOwner: q('seq, id, kind, token_id, received_at, envelope'),
  smallOnly: q('seq, id, owner, kind, token_id, received_at'),
  rawNoOwner: q('seq, id, kind, token_id, received_at, envelope').raw(true),
  jsonBuiltBySqlite: q(`seq, '{"id":' || json_quote(id) || ',"kind":' || json_quote(kind) || ',"tokenId":' || json_quote(token_id) || ',"receivedAt":' || received_at || ',"envelope":' || envelope || '}'`).raw(true),
  envelopeOnly: q('envelope'),
};
for (let round = 0; round < 3; round++) for (const [name, st] of Object.entries(variants)) {
  const n = 4000; const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) st.all('user' + (i % 20), 0, 51);
  console.log(round, name.padEnd(16), (Number(process.hrtime.bigint() - t) / 1000 / n).toFixed(1), 'µs/page');
}
db.close(); fs.rmSync(dir, { recursive: true });
