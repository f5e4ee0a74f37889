import { createWebCryptoSuite } from '../../../../src/adapters/crypto/web-crypto-suite';
import { MemoryLocalStore } from '../../../../src/adapters/local-store/memory-local-store';
import { MemoryObjectCache } from '../../../../src/adapters/local-store/memory-object-cache';
import { encryptBlob } from '../../../../src/application/client/protocol/blob-cipher';
import { SignedInAccount } from '../../../../src/application/client/session/signed-in-account';
import { createClientUseCases } from '../../../../src/application/client/use-cases/client-use-cases';
import { HomeServerGateway } from '../../../../src/application/ports/home-server-gateway';
import type { BlobResponse } from '../../../../src/domain/protocol/wire';
import { KDF_FLOOR } from '../../../../src/domain/protocol/account-rules';
import { decodeB64u } from '../../../../src/domain/protocol/encoding/b64u';
import { ok, Result } from '../../../../src/domain/protocol/result';
import { InProcessHomeServers } from '../../../support/in-process-home-server-gateway';
import { WeakKeyDerivationForTests } from '../../../support/weak-key-derivation';
import { createServerHarness } from '../../server/server-harness';

/*
 * PROTOCOL §8.3's fork log: a server that shows two devices of one account two different histories
 * is caught by the next read of either device, which stops without writing; and §8.6: a head of a
 * newer format is refused, never overwritten.
 */

const crypto = createWebCryptoSuite({ keyDerivation: new WeakKeyDerivationForTests() });
const AUTHORITY = 'home.test';
const ADDRESS = `alice@${AUTHORITY}`;
const PASSWORD = 'correct horse battery staple';

const value = <T, E>(result: Result<T, E>): T => {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
};

/**
 * A server that, while `lying`, keeps this device's head writes to itself and shows it only those:
 * the device's history and the real one part at the first write.
 */
class ForkingServer {
  lying = true;
  private forked: BlobResponse | null = null;

  wrap = (gateway: HomeServerGateway): HomeServerGateway => {
    const readBlob: HomeServerGateway['readBlob'] = async (session) =>
      this.lying && this.forked !== null ? ok(this.forked) : gateway.readBlob(session);
    const writeBlob: HomeServerGateway['writeBlob'] = async (session, input) => {
      if (!this.lying) return gateway.writeBlob(session, input);
      this.forked = { version: input.expectedVersion + 1, ciphertext: input.ciphertext };
      return ok({ version: input.expectedVersion + 1 });
    };
    return Object.assign(Object.create(gateway) as HomeServerGateway, { readBlob, writeBlob });
  };
}

const world = () => {
  const harness = createServerHarness();
  const servers = new InProcessHomeServers();
  servers.add(AUTHORITY, harness.deps);
  const device = (wrap: (gateway: HomeServerGateway) => HomeServerGateway = (gateway) => gateway) =>
    createClientUseCases({
      crypto,
      gateways: { forServer: (authority) => wrap(servers.forServer(authority)) },
      localStore: new MemoryLocalStore(),
      clock: harness.clock,
      kdfCost: KDF_FLOOR,
      timer: { sleep: async () => undefined },
      objectCaches: () => new MemoryObjectCache(),
    });
  return { harness, device };
};

describe('the fork log (PROTOCOL §8.3)', () => {
  it('stops a device the server showed another history, on its next read, before it writes', async () => {
    const { device } = world();
    const laptop = device();
    const laptopAccount: SignedInAccount = value(await laptop.register.execute({ address: ADDRESS, password: PASSWORD }));
    const liar = new ForkingServer();
    const phone = device(liar.wrap);
    const phoneAccount = value(await phone.logIn.execute({ address: ADDRESS, password: PASSWORD }));

    // Both write the same version: the laptop to the real head, the phone to the liar's copy.
    value(await laptop.setReadReceipts.execute(laptopAccount, true));
    value(await phone.setReadReceipts.execute(phoneAccount, true));
    expect(phoneAccount.version).toBe(laptopAccount.version);
    value(await laptop.setReadReceipts.execute(laptopAccount, false));

    // The server now shows the phone the laptop's history, which does not descend from the phone's head.
    liar.lying = false;
    const refreshed = await phone.refreshBlob.execute(phoneAccount, laptopAccount.version);
    expect(refreshed).toEqual({ ok: false, error: expect.objectContaining({ code: 'store_fork' }) });
    // A hard stop: the phone writes nothing more, over either history.
    const written = await phone.setReadReceipts.execute(phoneAccount, false);
    expect(written).toEqual({ ok: false, error: expect.objectContaining({ code: 'store_fork' }) });
    const again = value(await device().logIn.execute({ address: ADDRESS, password: PASSWORD }));
    expect(again.version).toBe(laptopAccount.version);
  });

  it('lets honest devices read each other’s writes', async () => {
    const { device } = world();
    const laptop = device();
    const laptopAccount = value(await laptop.register.execute({ address: ADDRESS, password: PASSWORD }));
    const phone = device();
    const phoneAccount = value(await phone.logIn.execute({ address: ADDRESS, password: PASSWORD }));
    value(await laptop.setReadReceipts.execute(laptopAccount, true));
    value(await laptop.setReadReceipts.execute(laptopAccount, false));
    // The phone writes on top of a head two versions old: a 412, a re-read, and its write after.
    value(await phone.setReadReceipts.execute(phoneAccount, true));
    value(await laptop.refreshBlob.execute(laptopAccount, phoneAccount.version));
    expect(laptopAccount.version).toBe(4);
    expect(phoneAccount.version).toBe(4);
  });
});

describe('a head of a newer format (PROTOCOL §8.6)', () => {
  it('is refused at login with a reload-or-update error, and never overwritten', async () => {
    const { harness, device } = world();
    const first = device();
    const account = value(await first.register.execute({ address: ADDRESS, password: PASSWORD }));
    const newer = await encryptBlob(crypto, account.blobKey, account.name, JSON.stringify({ format: 3, version: 2, whatever: true }));
    const ciphertext = decodeB64u(newer);
    if (ciphertext === null) throw new Error('not b64u');
    value(await harness.storage.blobs.save(account.name, ciphertext, 1, harness.clock.now()));

    const loggedIn = await device().logIn.execute({ address: ADDRESS, password: PASSWORD });
    expect(loggedIn).toEqual({ ok: false, error: expect.objectContaining({ code: 'store_newer_format', message: expect.stringMatching(/reload/i) }) });
    const written = await first.setReadReceipts.execute(account, true);
    expect(written).toEqual({ ok: false, error: expect.objectContaining({ code: 'store_newer_format' }) });
    const stored = await harness.storage.blobs.find(account.name);
    expect(stored?.version).toBe(2);
    expect(stored?.ciphertext).toEqual(ciphertext);
  });
});
