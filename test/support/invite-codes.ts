import { NodeTokenHasher } from '../../src/adapters/security/node-token-hasher';
import { CryptoRandomSource } from '../../src/adapters/system/crypto-random-source';
import { RandomIdGenerator } from '../../src/adapters/system/random-id-generator';
import { SystemClock } from '../../src/adapters/system/system-clock';
import { CreateInvites } from '../../src/application/server/create-invites';
import type { TestServer } from './test-server';

/** Codes created the way `starbase admin invites create` does, on a running test server's storage; valid for an hour. */
export const createInviteCodes = async (server: TestServer, count = 1): Promise<string[]> => {
  const created = await new CreateInvites({
    inviteRepository: server.storage.invites,
    clock: new SystemClock(),
    ids: new RandomIdGenerator(),
    random: new CryptoRandomSource(),
    tokenHasher: new NodeTokenHasher(),
  }).execute({ count, validForMs: 60 * 60 * 1000 });
  if (!created.ok) throw new Error(`could not create invites: ${created.error}`);
  return created.value.map((invite) => invite.code);
};
