import { randomBytes } from 'node:crypto';
import { HomeServerGateway } from '../../../../src/application/ports/home-server-gateway';
import { anIdentityKeyB64u } from '../../../http/http-test-client';
import { kdfBody } from './wire-samples';

const random = (bytes: number): string => randomBytes(bytes).toString('base64url');
const anId = (): string => random(16);
const bytesOf = (length: number): Uint8Array => new Uint8Array(randomBytes(length));

/** The limits the suite's server must have, small enough to reach. */
export const STORE_TEST_LIMITS = { objectBytes: 2048, storeBytes: 8192, blobBytes: 4096, tokenBytes: 5000 } as const;

/**
 * The object calls (PROTOCOL §8.1, §8.2, and §9.2's dropped objects) of a HomeServerGateway bound to a real server with
 * STORE_TEST_LIMITS and open registration: the fetch gateway over HTTP and the in-process one must
 * answer alike, since client use cases are tested on the latter.
 */
export const describeStoreObjectCalls = (label: string, connect: () => Promise<HomeServerGateway>): void => {
  describe(`${label}: the user store`, () => {
    let gateway: HomeServerGateway;
    let accounts = 0;

    beforeAll(async () => {
      gateway = await connect();
    });

    /** A fresh account whose head holds 80 bytes, at version 1. */
    const signUp = async (): Promise<string> => {
      const name = `keeper-${++accounts}`;
      const authKey = random(32);
      const registered = await gateway.register({
        name,
        authKey,
        kdf: { ...kdfBody, salt: random(16) },
        identityKey: anIdentityKeyB64u(),
        blob: { ciphertext: random(80) },
      });
      if (!registered.ok) throw new Error(registered.error.code);
      const session = await gateway.openSession({ name, authKey });
      if (!session.ok) throw new Error(session.error.code);
      return session.value.token;
    };

    it('stages raw bytes (201 and a 200 retry alike), reads them back byte for byte, and refuses other bytes under the id', async () => {
      const session = await signUp();
      const id = anId();
      const bytes = bytesOf(2048);
      expect(await gateway.putObject(session, id, bytes)).toEqual({ ok: true, value: { id, bytes: 2048 } });
      expect(await gateway.putObject(session, id, bytes.slice())).toEqual({ ok: true, value: { id, bytes: 2048 } });
      expect(await gateway.getObject(session, id)).toEqual({ ok: true, value: bytes });
      expect(await gateway.putObject(session, id, bytesOf(2048))).toMatchObject({ ok: false, error: { code: 'object_exists', status: 409 } });
      expect(await gateway.putObject(session, anId(), new Uint8Array(0))).toMatchObject({ ok: true, value: { bytes: 0 } });
    });

    it('answers 413 past objectBytes and 507 once the store would pass storeBytes', async () => {
      const session = await signUp();
      expect(await gateway.putObject(session, anId(), bytesOf(2049))).toMatchObject({ ok: false, error: { code: 'payload_too_large', status: 413 } });
      for (let i = 0; i < 3; i++) expect((await gateway.putObject(session, anId(), bytesOf(2048))).ok).toBe(true);
      expect(await gateway.putObject(session, anId(), bytesOf(2048))).toMatchObject({ ok: false, error: { code: 'store_full', status: 507 } });
    });

    it('reads, deletes and lists only what the account holds', async () => {
      const session = await signUp();
      const other = await signUp();
      const id = anId();
      await gateway.putObject(other, id, bytesOf(10));
      expect(await gateway.getObject(session, id)).toMatchObject({ ok: false, error: { code: 'not_found', status: 404 } });
      expect(await gateway.deleteObject(session, id)).toMatchObject({ ok: false, error: { code: 'not_found', status: 404 } });
      expect(await gateway.listObjects(session)).toEqual({ ok: true, value: { items: [], next: null } });
      expect(await gateway.getObject('not-a-session', id)).toMatchObject({ ok: false, error: { code: 'unauthorized', status: 401 } });
    });

    it('commits staged objects with a head write, lists them by state and page, and deletes only staged ones', async () => {
      const session = await signUp();
      const [first, second, third] = [anId(), anId(), anId()].sort();
      for (const id of [first!, second!, third!]) await gateway.putObject(session, id, bytesOf(100));
      const written = await gateway.writeBlob(session, { expectedVersion: 1, ciphertext: random(80), objects: { commit: [first!, second!] } });
      expect(written).toEqual({ ok: true, value: { version: 2 } });

      const committed = await gateway.listObjects(session, { state: 'committed', limit: 1 });
      expect(committed.ok && committed.value.items.map((item) => [item.id, item.state, item.bytes])).toEqual([[first, 'committed', 100]]);
      const rest = await gateway.listObjects(session, { state: 'committed', after: committed.ok ? (committed.value.next ?? undefined) : undefined });
      expect(rest.ok && rest.value).toEqual({ items: [expect.objectContaining({ id: second })], next: null });
      const staged = await gateway.listObjects(session, { state: 'staged' });
      expect(staged.ok && staged.value.items.map((item) => item.id)).toEqual([third]);

      expect(await gateway.deleteObject(session, first!)).toMatchObject({ ok: false, error: { code: 'object_committed', status: 409 } });
      expect(await gateway.deleteObject(session, third!)).toEqual({ ok: true, value: undefined });
      expect(await gateway.getObject(session, third!)).toMatchObject({ ok: false, error: { code: 'not_found' } });

      const released = await gateway.writeBlob(session, { expectedVersion: 2, ciphertext: random(80), objects: { release: [first!] } });
      expect(released.ok).toBe(true);
      const left = await gateway.listObjects(session);
      expect(left.ok && left.value.items.map((item) => item.id)).toEqual([second]);
    });

    it('surfaces 409 object_missing with every missing id (all 3000 a write may name), and nothing changes', async () => {
      const session = await signUp();
      const held = anId();
      await gateway.putObject(session, held, bytesOf(10));
      const objects = {
        commit: [held, ...Array.from({ length: 999 }, anId)],
        release: Array.from({ length: 1000 }, anId),
        claim: Array.from({ length: 1000 }, anId),
      };
      const refused = await gateway.writeBlob(session, { expectedVersion: 1, ciphertext: random(80), objects });
      if (refused.ok) throw new Error('the write should have been refused');
      expect(refused.error).toMatchObject({ code: 'object_missing', status: 409 });
      expect(new Set(refused.error.missing)).toEqual(new Set([...objects.commit.slice(1), ...objects.release, ...objects.claim]));
      const head = await gateway.readBlob(session);
      expect(head.ok && head.value.version).toBe(1);
      const staged = await gateway.listObjects(session, { state: 'staged' });
      expect(staged.ok && staged.value.items.map((item) => item.id)).toEqual([held]);
    });

    /** A friend's drop token into the account of `session`, whose name it gives. */
    const dropTokenOf = async (session: string): Promise<string> => {
      const token = await gateway.createDropToken(session);
      if (!token.ok) throw new Error(token.error.code);
      return token.value.token;
    };

    it('drops a chunk with a friend\'s token (202 and a fresh id); it is unreadable until a head write claims it, then the owner reads it byte for byte', async () => {
      const session = await signUp();
      const name = `keeper-${accounts}`;
      const bytes = bytesOf(2048);
      const dropped = await gateway.dropObject(name, await dropTokenOf(session), bytes);
      if (!dropped.ok) throw new Error(dropped.error.code);
      expect(dropped.value.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(await gateway.getObject(session, dropped.value.id)).toMatchObject({ ok: false, error: { code: 'not_found', status: 404 } });
      const claimed = await gateway.writeBlob(session, { expectedVersion: 1, ciphertext: random(80), objects: { claim: [dropped.value.id] } });
      expect(claimed).toEqual({ ok: true, value: { version: 2 } });
      expect(await gateway.getObject(session, dropped.value.id)).toEqual({ ok: true, value: bytes });
    });

    it('refuses a drop with a bad token (401), to nobody (404), past objectBytes (413), past the token\'s byte share (507 inbox_full)', async () => {
      const session = await signUp();
      const name = `keeper-${accounts}`;
      const token = await dropTokenOf(session);
      expect(await gateway.dropObject(name, random(32), bytesOf(10))).toMatchObject({ ok: false, error: { code: 'unauthorized', status: 401 } });
      expect(await gateway.dropObject('nobody-here', token, bytesOf(10))).toMatchObject({ ok: false, error: { status: 404 } });
      expect(await gateway.dropObject(name, token, bytesOf(2049))).toMatchObject({ ok: false, error: { code: 'payload_too_large', status: 413 } });
      // tokenBytes 5000: two chunks of 2048 fit, a third does not.
      for (let i = 0; i < 2; i++) expect((await gateway.dropObject(name, token, bytesOf(2048))).ok).toBe(true);
      expect(await gateway.dropObject(name, token, bytesOf(2048))).toMatchObject({ ok: false, error: { code: 'inbox_full', status: 507 } });
    });

    it('discards dropped chunks named in an ack\'s objects, which frees the token\'s share', async () => {
      const session = await signUp();
      const name = `keeper-${accounts}`;
      const token = await dropTokenOf(session);
      const ids: string[] = [];
      for (let i = 0; i < 2; i++) {
        const dropped = await gateway.dropObject(name, token, bytesOf(2048));
        if (dropped.ok) ids.push(dropped.value.id);
      }
      expect(await gateway.ackInbox(session, [], ids)).toEqual({ ok: true, value: { deleted: 0 } });
      expect((await gateway.dropObject(name, token, bytesOf(2048))).ok).toBe(true);
      const claimed = await gateway.writeBlob(session, { expectedVersion: 1, ciphertext: random(80), objects: { claim: ids } });
      expect(claimed).toMatchObject({ ok: false, error: { code: 'object_missing', missing: expect.arrayContaining(ids) } });
    });

    it('surfaces 507 store_full from a head write that would pass storeBytes, and nothing changes', async () => {
      const session = await signUp();
      for (let i = 0; i < 3; i++) await gateway.putObject(session, anId(), bytesOf(2048));
      // 3 × 2048 staged + a 3000-byte head = 9144 > 8192.
      const refused = await gateway.writeBlob(session, { expectedVersion: 1, ciphertext: random(3000) });
      expect(refused).toMatchObject({ ok: false, error: { code: 'store_full', status: 507 } });
      const head = await gateway.readBlob(session);
      expect(head.ok && head.value.version).toBe(1);
    });
  });
};
