// Appends 4 KiB to a file, then syncs it: fdatasync on the main thread (where SQLite syncs inside COMMIT under FULL) against
// fs.fdatasync on libuv's thread pool through a second, read-only descriptor (as WalDescriptor does). µs per append+sync.
// node bench/storage/wal-sync-hop.mjs
import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synchop-'));
const file = path.join(dir, 'x'); const fd = fs.openSync(file, 'a'); const rfd = fs.openSync(file, 'r');
const buf = Buffer.alloc(4096, 7); const N = 300;
const inline = () => { const t = process.hrtime.bigint(); for (let i = 0; i < N; i++) { fs.writeSync(fd, buf); fs.fdatasyncSync(fd); } return Number(process.hrtime.bigint() - t) / 1000 / N; };
const pooled = async () => { const t = process.hrtime.bigint(); for (let i = 0; i < N; i++) { fs.writeSync(fd, buf); await new Promise((res, rej) => fs.fdatasync(rfd, (e) => (e ? rej(e) : res()))); } return Number(process.hrtime.bigint() - t) / 1000 / N; };
for (let r = 0; r < 4; r++) console.log(`round ${r}: inline ${inline().toFixed(0)} µs, thread pool (own read-only fd) ${(await pooled()).toFixed(0)} µs`);
fs.rmSync(dir, { recursive: true });
