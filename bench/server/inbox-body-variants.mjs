// What building GET /inbox's body per request costs the server, against sending one built once:
//   flock /tmp/bench.lock node bench/server/inbox-body-variants.mjs <variant>
// variants: flat (one prebuilt string), flatBuf (one prebuilt Buffer), splice (inboxPageJson's way),
// spliceToBuffer, joinFlat, exact/exactBytes (written into one Buffer), concatBytes, copyFresh/copySlab
// (a fresh copy of the prebuilt Buffer per request), stringCopy. A Fastify server in a child process
// answers a 70 KB page of 50 items; autocannon at 1 connection for 5 s; prints req/s, the server's
// CPU µs per request (user + system, all threads) and minor page faults per request.
import Fastify from 'fastify';
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { fork } from 'node:child_process';
const variant = process.argv[2];
if (process.argv[3] === 'server') {
  const env = () => JSON.stringify({ v: 2, kind: 'sealed', epk: randomBytes(32).toString('base64url'), iv: randomBytes(12).toString('base64url'), ct: randomBytes(1024).toString('base64url') });
  const items = Array.from({ length: 50 }, (_, i) => ({ id: randomBytes(16).toString('base64url'), kind: 'drop', tokenId: randomBytes(16).toString('base64url'), receivedAt: Date.now() + i, envelope: env() }));
  const envBytes = items.map((i) => Buffer.from(i.envelope));
  const splice = () => `{"items":[${items.map((item) => `{"id":${JSON.stringify(item.id)},"kind":${JSON.stringify(item.kind)},"tokenId":${JSON.stringify(item.tokenId)},"receivedAt":${JSON.stringify(item.receivedAt)},"envelope":${item.envelope}}`).join(',')}],"next":null}`;
  const flat = JSON.stringify(JSON.parse(splice()));
  const head = (item) => `{"id":${JSON.stringify(item.id)},"kind":${JSON.stringify(item.kind)},"tokenId":${JSON.stringify(item.tokenId)},"receivedAt":${item.receivedAt},"envelope":`;
  const intoBuffer = (withBytes) => {
    const heads = items.map(head);
    let total = 26;
    for (let i = 0; i < items.length; i++) total += heads[i].length * 3 + (withBytes ? envBytes[i].length : items[i].envelope.length * 3) + 2;
    const out = Buffer.allocUnsafe(total);
    let at = out.latin1Write('{"items":[', 0);
    for (let i = 0; i < items.length; i++) {
      if (i > 0) out[at++] = 0x2c;
      at += out.utf8Write(heads[i], at);
      at += withBytes ? envBytes[i].copy(out, at) : out.utf8Write(items[i].envelope, at);
      out[at++] = 0x7d;
    }
    at += out.latin1Write(`],"next":null}`, at);
    return out.subarray(0, at);
  };
  const joinFlat = () => { const parts = ['{"items":[']; items.forEach((item, i) => { parts.push(i > 0 ? ',' : '', head(item), item.envelope, '}'); }); parts.push('],"next":null}'); return parts.join(''); };
  const flatBuf = Buffer.from(flat);
  const exact = (withBytes) => {
    const heads = items.map(head);
    let total = 23 + 2 * items.length;
    for (let i = 0; i < items.length; i++) total += Buffer.byteLength(heads[i]) + (withBytes ? envBytes[i].length : Buffer.byteLength(items[i].envelope));
    const out = Buffer.allocUnsafe(total);
    let at = out.latin1Write('{"items":[', 0);
    for (let i = 0; i < items.length; i++) {
      if (i > 0) out[at++] = 0x2c;
      at += out.utf8Write(heads[i], at);
      at += withBytes ? envBytes[i].copy(out, at) : out.utf8Write(items[i].envelope, at);
      out[at++] = 0x7d;
    }
    at += out.latin1Write(`],"next":null}`, at);
    return out;
  };
  const concatBytes = () => { const parts = [Buffer.from('{"items":[')]; items.forEach((item, i) => { parts.push(Buffer.from((i > 0 ? ',' : '') + head(item)), envBytes[i], CLOSE); }); parts.push(Buffer.from('],"next":null}')); return Buffer.concat(parts); };
  const CLOSE = Buffer.from('}');
  const SLAB = 1024 * 1024; let slab = Buffer.allocUnsafe(SLAB); let used = 0;
  const carve = (n) => { if (used + n > SLAB) { slab = Buffer.allocUnsafe(SLAB); used = 0; } const b = slab.subarray(used, used + n); used += (n + 7) & ~7; return b; };
  const copyFresh = () => { const b = Buffer.allocUnsafe(flatBuf.length); flatBuf.copy(b); return b; };
  const copySlab = () => { const b = carve(flatBuf.length); flatBuf.copy(b); return b; };
  const stringCopy = () => flatBuf.toString('latin1');
  const bodies = { flat: () => flat, splice, flatBuf: () => flatBuf, intoBuffer: () => intoBuffer(false), intoBufferBytes: () => intoBuffer(true), joinFlat, spliceToBuffer: () => Buffer.from(splice()), exact: () => exact(false), exactBytes: () => exact(true), concatBytes, copyFresh, copySlab, stringCopy };
  if (exact(false).toString() !== flat || exact(true).toString() !== flat || concatBytes().toString() !== flat) throw new Error('differs2');
  if (bodies.intoBuffer().toString() !== flat || bodies.joinFlat() !== flat) throw new Error('differs');
  const body = bodies[variant];
  const app = Fastify({ logger: false });
  app.get('/', async (_q, reply) => reply.type('application/json; charset=utf-8').send(body()));
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  process.send({ url });
  process.on('message', (m) => { if (m === 'start') { this_start = process.cpuUsage(); faults = process.resourceUsage().minorPageFault; } else { const u = process.cpuUsage(this_start); process.send({ cpu: u.user + u.system, user: u.user, faults: process.resourceUsage().minorPageFault - faults }); } });
  var this_start; var faults;
} else {
  const child = fork(new URL(import.meta.url).pathname, [variant, 'server']);
  const { url } = await new Promise((r) => child.once('message', r));
  await autocannon({ url, connections: 1, duration: 1 });
  child.send('start');
  const result = await autocannon({ url, connections: 1, duration: 5 });
  child.send('stop');
  const { cpu, user, faults } = await new Promise((r) => child.once('message', r));
  console.log(variant.padEnd(16), String(Math.round(result.requests.average)).padStart(6), 'req/s', (cpu / result.requests.total).toFixed(1).padStart(6), 'µs CPU/req', (user / result.requests.total).toFixed(1).padStart(6), 'µs user', (faults / result.requests.total).toFixed(1).padStart(6), 'faults/req');
  child.kill();
}
