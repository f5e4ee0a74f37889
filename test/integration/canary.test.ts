import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import '../../src/adapters/crypto-node/argon2-node-loader';
import { createWebCryptoSuite } from '../../src/adapters/crypto/web-crypto-suite';
import { FetchHomeServerGateway } from '../../src/adapters/gateway/fetch-home-server-gateway';
import { deriveAccountKeys } from '../../src/application/client/protocol/account-keys';
import { MessengerSession } from '../../src/application/client/messenger';
import { decodeB64u, encodeB64u } from '../../src/domain/protocol/encoding/b64u';
import { befriend, noImageCaptcha, startTwoServers, TwoServers, userOf } from './two-server-fixture';

const SECRET_MEMBERS = /^(privateKey|ephemeralPrivateKey|friendshipKey|dropToken|ourDropToken|theirDropToken|key)$/;

/** Every secret value in an export, found by member name wherever it sits. */
const secretsIn = (value: unknown, found: Map<string, string> = new Map(), path = ''): Map<string, string> => {
  if (Array.isArray(value)) value.forEach((item, index) => secretsIn(item, found, `${path}[${index}]`));
  else if (typeof value === 'object' && value !== null) {
    for (const [member, inner] of Object.entries(value)) {
      if (SECRET_MEMBERS.test(member) && typeof inner === 'string') found.set(`${path}.${member}`, inner);
      else secretsIn(inner, found, `${path}.${member}`);
    }
  }
  return found;
};

/** Every byte a memory storage holds: strings as UTF-8, byte arrays as they are, reached from the storage object. */
const dumpObjectGraph = (root: unknown): Buffer => {
  const chunks: Buffer[] = [];
  const seen = new Set<object>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') chunks.push(Buffer.from(value, 'utf8'));
    else if (typeof value === 'number' || typeof value === 'bigint') chunks.push(Buffer.from(String(value)));
    else if (value instanceof Uint8Array) chunks.push(Buffer.from(value));
    else if (typeof value === 'object' && value !== null && !seen.has(value)) {
      seen.add(value);
      if (value instanceof Map) for (const [key, inner] of value) [key, inner].forEach(visit);
      else if (value instanceof Set) for (const inner of value) visit(inner);
      else for (const key of Reflect.ownKeys(value)) visit((value as Record<string | symbol, unknown>)[key]);
    }
  };
  visit(root);
  return Buffer.concat(chunks);
};

/** Each secret as it could be stored: b64u text, raw bytes, hex text. */
const spellings = (name: string, b64u: string): { name: string; bytes: Buffer }[] => {
  const raw = decodeB64u(b64u);
  const forms = [{ name: `${name} (b64u)`, bytes: Buffer.from(b64u, 'utf8') }];
  if (raw !== null && raw.length >= 16) {
    forms.push({ name: `${name} (raw)`, bytes: Buffer.from(raw) }, { name: `${name} (hex)`, bytes: Buffer.from(Buffer.from(raw).toString('hex'), 'utf8') });
  }
  return forms;
};

describe('canary: nothing secret is stored on either server', () => {
  let servers: TwoServers;
  const body = 'CANARY message body 7d1f0c2e — only alice and bob may read this';
  const fileName = 'canary-plan-4a9e.txt';
  const passwords = { alice: 'canary-password-alice-93b1', aliceNew: 'canary-password-alice-new-5e77', bob: 'canary-password-bob-04c2' };

  beforeAll(async () => {
    servers = await startTwoServers();
  });
  afterAll(async () => {
    await servers.close();
  });

  it('scans every stored byte (SQLite file, WAL and SHM, object files, memory storage) for bodies, file names, passwords, keys and drop tokens', async () => {
    let alice: MessengerSession = await userOf().messenger.register(`alice@${servers.authority1}`, passwords.alice);
    const bob = await userOf().messenger.register(`bob@${servers.authority2}`, passwords.bob);
    const carol = await userOf().messenger.register(`carol@${servers.authority2}`, 'canary-password-carol');
    await befriend(alice, bob);
    await alice.sendMessage(bob.address, body);
    // Its chunks go to bob's server and to alice's own store: server1's objects directory.
    await alice.sendFiles(bob.address, [{ name: fileName, type: 'text/plain', bytes: new TextEncoder().encode(`${body}\n`.repeat(64)) }]);
    await bob.sendMessage(alice.address, `re: ${body}`);
    await Promise.all([alice.sync(), bob.sync()]);
    // Left pending on purpose: e_A and an unanswered drop token stay in the blob.
    await alice.sendFriendRequest(carol.address, 'pending forever', noImageCaptcha);
    await carol.sync();
    await alice.changePassword(passwords.alice, passwords.aliceNew);
    await alice.logOut();
    alice = await userOf().messenger.logIn(alice.address, passwords.aliceNew);
    await alice.sendMessage(bob.address, `after the password change: ${body}`);
    await bob.sync();

    const crypto = createWebCryptoSuite();
    const accountKeys = async (authority: string, name: string, password: string) => {
      const kdf = await new FetchHomeServerGateway(authority, { allowHttp: true }).getKdfParams(name);
      if (!kdf.ok) throw new Error(kdf.error.code);
      const keys = await deriveAccountKeys(crypto, password, kdf.value);
      if (!keys.ok) throw new Error(keys.error);
      return { authKey: encodeB64u(keys.value.authKey), blobKey: encodeB64u(keys.value.blobKey) };
    };
    const secrets = new Map<string, string>();
    for (const [who, session] of [['alice', alice], ['bob', bob], ['carol', carol]] as const) {
      for (const [path, value] of secretsIn(JSON.parse(await session.exportData()))) secrets.set(`${who}${path}`, value);
    }
    const aliceKeys = await accountKeys(servers.authority1, 'alice', passwords.aliceNew);
    const bobKeys = await accountKeys(servers.authority2, 'bob', passwords.bob);
    Object.entries({ ...prefixed('alice', aliceKeys), ...prefixed('bob', bobKeys) }).forEach(([name, value]) => secrets.set(name, value));
    expect([...secrets.keys()].filter((name) => name.includes('friendshipKey')).length).toBeGreaterThanOrEqual(2);
    expect([...secrets.keys()].filter((name) => name.includes('ephemeralPrivateKey'))).toHaveLength(1);
    expect([...secrets.keys()].filter((name) => /DropToken$/.test(name)).length).toBeGreaterThanOrEqual(4);
    // The file's key, in alice's and bob's records of the message.
    expect([...secrets.keys()].filter((name) => name.endsWith('.key')).length).toBeGreaterThanOrEqual(2);

    const needles = [
      ...[body, fileName, passwords.alice, passwords.aliceNew, passwords.bob].map((text) => ({ name: `text "${text}"`, bytes: Buffer.from(text, 'utf8') })),
      { name: 'body (b64u)', bytes: Buffer.from(encodeB64u(Buffer.from(body, 'utf8')), 'utf8') },
      ...[...secrets].flatMap(([name, value]) => spellings(name, value)),
    ];

    const dataDir = servers.server1.config.dataDir;
    // Every file in the data dir: the database, its WAL, and each object's file in the objects directory.
    const stored = (readdirSync(dataDir, { recursive: true }) as string[])
      .filter((file) => statSync(join(dataDir, file)).isFile())
      .map((file) => ({ name: `server1 ${file}`, bytes: readFileSync(join(dataDir, file)) }));
    const sqliteFiles = stored.filter((file) => !file.name.includes(`.objects${sep}`));
    expect(stored.length - sqliteFiles.length).toBeGreaterThan(0);
    expect(sqliteFiles.map((file) => file.name).some((name) => name.endsWith('-wal'))).toBe(true);
    const memory = { name: 'server2 memory storage', bytes: dumpObjectGraph(servers.server2.storage) };
    expect([...sqliteFiles, memory].every((haystack) => haystack.bytes.length > 1000)).toBe(true);
    const haystacks = [...stored, memory];

    const found = haystacks.flatMap((haystack) =>
      needles.filter((needle) => haystack.bytes.includes(needle.bytes)).map((needle) => `${needle.name} in ${haystack.name}`),
    );
    expect(found).toEqual([]);
    // The scan does see what PROTOCOL allows in the clear: each server's own users' public keys.
    const publicKeyOf = async (session: MessengerSession): Promise<string> =>
      (JSON.parse(await session.exportData()) as { blob: { identity: { publicKey: string } } }).blob.identity.publicKey;
    const storedAnyhow = (haystack: { bytes: Buffer }, b64u: string): boolean =>
      spellings('public key', b64u).some((spelling) => haystack.bytes.includes(spelling.bytes));
    const [alicePublic, bobPublic] = [await publicKeyOf(alice), await publicKeyOf(bob)];
    expect(sqliteFiles.some((file) => storedAnyhow(file, alicePublic))).toBe(true);
    expect(storedAnyhow(haystacks[haystacks.length - 1] ?? { bytes: Buffer.alloc(0) }, bobPublic)).toBe(true);
    // Its delayed write of delivery marks would otherwise outlive the servers.
    await alice.logOut();
  });
});

const prefixed = (who: string, keys: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(keys).map(([name, value]) => [`${who}.${name}`, value]));
