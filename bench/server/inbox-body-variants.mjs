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
if (variant === undefined) throw new Error('usage: node bench/server/inbox-body-variants.mjs <variant> (see the comment at the top)');
if (process.argv[3] === 'server') {
  const env = () => JSON.stringify({ v: 2, kind: 'sealed', epk: randomBytes(32).toString('base64url'), iv: randomBytes(12).toString('base64url'), ct: randomBytes(1024).toString('base64url') });
  const items = Array.from({ length: 50 }, (_, i) => ({ id: randomBytes(16).toString('base64url'), kind: 'drop', tokenId: randomBytes(16).toString('base64url'), receivedAt: Date.now() + i, envelope: env() }));
  const envBytes = items.map((i) => Buffer.from(i.envelope));
  const splice = () => `{"items":[${items.map((item) => `{"id":${JSON.stringify(item.id)},"kind":${JSON.stringify(item.kind)},"tokenId":${JSON.stringify(item.tokenId)},"receivedAt":${JSON.stringify(item.receivedAt)},"envelope":${item.envelope}}`).join(',')}],"next":null}`;
  const flat = JSON.stringify(JSON.parse(splice()));
  const head = (item) => `{"id":${JSON.stringify(item.id)},"kind":${JSON.stringify(item.kind)},"tokenId":${JSON.stringify(item.tokenId)},"receivedAt":${item.receivedAt},"envelope":`;
  // Written into one Buffer, sized by a bound (3 bytes per UTF-16 unit) and cut, or sized exactly.
  const intoBuffer = (withBytes, exactSize) => {
    const heads = items.map(head);
    const sizeOf = (text) => (exactSize ? Buffer.byteLength(text) : text.length * 3);
    let total = 23 + 2 * items.length;
    for (let i = 0; i < items.length; i++) total += sizeOf(heads[i]) + (withBytes ? envBytes[i].length : sizeOf(items[i].envelope));
    const out = Buffer.allocUnsafe(total);
    let at = out.latin1Write('{"items":[', 0);
    for (let i = 0; i < items.length; i++) {
      if (i > 0) out[at++] = 0x2c;
      at += out.utf8Write(heads[i], at);
      at += withBytes ? envBytes[i].copy(out, at) : out.utf8Write(items[i].envelope, at);
      out[at++] = 0x7d;
    }
    at += out.latin1Write(`],"next":null}`, at);
    return exactSize ? out : out.subarray(0, at);
  };
  const joinFlat = () => { const parts = ['{"items":[']; items.forEach((item, i) => { parts.push(i > 0 ? ',' : '', head(item), item.envelope, '}'); }); parts.push('],"next":null}'); return parts.join(''); };
  const flatBuf = Buffer.from(flat);
  const concatBytes = () => { const parts = [Buffer.from('{"items":[')]; items.forEach((item, i) => { parts.push(Buffer.from((i > 0 ? ',' : '') + head(item)), envBytes[i], CLOSE); }); parts.push(Buffer.from('],"next":null}')); return Buffer.concat(parts); };
  const CLOSE = Buffer.from('}');
  const SLAB = 1024 * 1024; let slab = Buffer.allocUnsafe(SLAB); let used = 0;
  const carve = (n) => { if (used + n > SLAB) { slab = Buffer.allocUnsafe(SLAB); used = 0; } const b = slab.subarray(used, used + n); used += (n + 7) & ~7; return b; };
  const copyFresh = () => { const b = Buffer.allocUnsafe(flatBuf.length); flatBuf.copy(b); return b; };
  const copySlab = () => { const b = carve(flatBuf.length); flatBuf.copy(b); return b; };
  const stringCopy = () => flatBuf.toString('latin1');
  const bodies = { flat: () => flat, splice, flatBuf: () => flatBuf, intoBuffer: () => intoBuffer(false, false), intoBufferBytes: () => intoBuffer(true, false), joinFlat, spliceToBuffer: () => Buffer.from(splice()), exact: () => intoBuffer(false, true), exactBytes: () => intoBuffer(true, true), concatBytes, copyFresh, copySlab, stringCopy };
  const built = ['intoBuffer', 'intoBufferBytes', 'exact', 'exactBytes', 'concatBytes', 'joinFlat'].filter((name) => bodies[name]().toString() !== flat);
  if (built.length > 0) throw new Error(`not the same page: ${built.join(', ')}`);
  const body = bodies[variant];
  if (body === undefined) throw new Error(`no variant ${variant}: ${Object.keys(bodies).join(', ')}`);
  const app = Fastify({ logger: false });
  app.get('/', async (_q, reply) => reply.type('application/json; charset=utf-8').send(body()));
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  process.send({ url });
  let cpuAtStart; let faultsAtStart;
  process.on('message', (m) => {
    if (m === 'start') {
      cpuAtStart = process.cpuUsage();
      faultsAtStart = process.resourceUsage().minorPageFault;
      return;
    }
    const used = process.cpuUsage(cpuAtStart);
    process.send({ cpu: used.user + used.system, user: used.user, faults: process.resourceUsage().minorPageFault - faultsAtStart });
  });
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
