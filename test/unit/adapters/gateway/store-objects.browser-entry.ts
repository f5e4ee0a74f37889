/*
 * Browser bundle entry for test/e2e/store-objects-gateway.browser.test.ts: the fetch gateway's
 * object calls made from a page, to a home server on another origin (CORS, raw bodies, ETag).
 */
import { FetchHomeServerGateway } from '../../../../src/adapters/gateway/fetch-home-server-gateway';

const gatewayObjects = {
  /** Puts `length` bytes counting up from `first`, reads them back and lists them; what each call answered. */
  roundTrip: async (authority: string, session: string, id: string, length: number, first: number) => {
    const gateway = new FetchHomeServerGateway(authority, { allowHttp: true });
    const bytes = new Uint8Array(length).map((_, index) => (first + index) % 256);
    const discovered = await gateway.discover();
    const put = await gateway.putObject(session, id, bytes);
    const read = await gateway.getObject(session, id);
    const listed = await gateway.listObjects(session, { state: 'staged' });
    const deleted = await gateway.deleteObject(session, id);
    return {
      discovered: discovered.ok ? discovered.value.limits.objectBytes : discovered.error.code,
      put: put.ok ? put.value : put.error.code,
      readSame: read.ok ? read.value.length === bytes.length && read.value.every((byte, index) => byte === bytes[index]) : read.error.code,
      listed: listed.ok ? listed.value.items.map((item) => item.id) : listed.error.code,
      deleted: deleted.ok ? 'ok' : deleted.error.code,
    };
  },
  /** A head write naming an object the account does not hold: the code and ids the page saw. */
  commitMissing: async (authority: string, session: string, id: string) => {
    const gateway = new FetchHomeServerGateway(authority, { allowHttp: true });
    const head = await gateway.readBlob(session);
    if (!head.ok) return head.error.code;
    const written = await gateway.writeBlob(session, { expectedVersion: head.value.version, ciphertext: head.value.ciphertext, objects: { commit: [id] } });
    return written.ok ? 'written' : { code: written.error.code, missing: written.error.missing ?? null };
  },
};

declare global {
  interface Window {
    gatewayObjects: typeof gatewayObjects;
  }
}

window.gatewayObjects = gatewayObjects;
