import { MemoryLocalStore } from '../../src/adapters/local-store/memory-local-store';
import { KDF_DEFAULT } from '../../src/domain/protocol/account-rules';
import { FetchHomeServerGateway } from '../../src/adapters/gateway/fetch-home-server-gateway';
import { DEFAULT_KDF } from '../support/node-messenger';
import { befriend, bodies, startTwoServers, TwoServers, userOf } from './two-server-fixture';

/** The one suite that runs the PROTOCOL default Argon2id cost (64 MiB, t=3) end to end. */
describe('password change with the PROTOCOL default key derivation', () => {
  let servers: TwoServers;

  beforeAll(async () => {
    servers = await startTwoServers();
  });
  afterAll(async () => {
    await servers.close();
  });

  it('old password stops working, messages stay readable, other sessions end without a false alarm', async () => {
    const aliceAddress = `alice@${servers.authority1}`;
    const phone = new MemoryLocalStore();
    const alice = await userOf({ kdf: DEFAULT_KDF }).messenger.register(aliceAddress, 'old password');
    const kdf = await new FetchHomeServerGateway(servers.authority1, { allowHttp: true }).getKdfParams('alice');
    expect(kdf.ok && kdf.value).toMatchObject(KDF_DEFAULT);

    const alicePhone = await userOf({ kdf: DEFAULT_KDF, localStore: phone }).messenger.logIn(aliceAddress, 'old password');
    const bob = await userOf().messenger.register(`bob@${servers.authority2}`, 'bob password');
    await befriend(alice, bob);
    await bob.sendMessage(aliceAddress, 'written before the change');
    await alice.sync();

    await expect(alice.changePassword('not the old password', 'new password')).rejects.toMatchObject({ code: 'wrong_password' });
    await alice.changePassword('old password', 'new password');
    const saltAfter = await new FetchHomeServerGateway(servers.authority1, { allowHttp: true }).getKdfParams('alice');
    expect(saltAfter.ok && kdf.ok && saltAfter.value.salt).not.toBe(kdf.ok && kdf.value.salt);

    // This session was renewed by the change; the phone's was revoked with every other one.
    await bob.sendMessage(aliceAddress, 'written after the change');
    await alice.sync();
    expect(bodies(alice.conversation(bob.address), 'in')).toEqual(['written before the change', 'written after the change']);
    await expect(alicePhone.sync()).rejects.toMatchObject({ code: 'unauthorized' });

    await expect(userOf({ kdf: DEFAULT_KDF }).messenger.logIn(aliceAddress, 'old password')).rejects.toMatchObject({ code: 'wrong_password' });
    // The phone saw another salt last time: it asks before using the new one (issue 11 F12), alice agrees.
    const asked: unknown[] = [];
    const phoneAgain = await userOf({ kdf: DEFAULT_KDF, localStore: phone }).messenger.logIn(aliceAddress, 'new password', {
      confirmKdfChange: async (change) => {
        asked.push(change);
        return true;
      },
    });
    expect(asked).toEqual([expect.objectContaining({ saltChanged: true })]);
    // The blob records that alice herself changed them, so no warning follows.
    expect(phoneAgain.overview().securityWarning).toBeNull();
    expect(bodies(phoneAgain.conversation(bob.address), 'in')).toEqual(['written before the change', 'written after the change']);
    await phoneAgain.sendMessage(bob.address, 'still friends');
    await bob.sync();
    expect(bodies(bob.conversation(aliceAddress), 'in')).toEqual(['still friends']);
    // Its delayed write of delivery marks would otherwise outlive the servers.
    await phoneAgain.logOut();
  });
});
