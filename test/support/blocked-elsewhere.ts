import { createWebCryptoSuite } from '../../src/adapters/crypto/web-crypto-suite';
import type { HomeServerGatewayFactory } from '../../src/application/ports/home-server-gateway';
import type { Clock } from '../../src/application/ports/clock';
import { setFriendBlocked } from '../../src/domain/messaging/friends';
import { rewriteBlob } from './blob-rewriter';
import { PASSWORD } from './session-world';
import { WeakKeyDerivationForTests } from './weak-key-derivation';

/** As another device of `address`'s with a stale copy could leave its blob: `friend` blocked, their link still open. */
export const blockedOnAnotherDevice = (world: { readonly servers: HomeServerGatewayFactory; readonly clock: Clock }, address: string, friend: string): Promise<void> =>
  rewriteBlob(
    address,
    PASSWORD,
    (doc) => {
      const blocked = setFriendBlocked(doc, { address: friend, blocked: true, now: world.clock.now(), deviceId: 'device-with-a-stale-copy' });
      if (!blocked.ok) throw new Error(blocked.error);
      return blocked.value;
    },
    { gateways: world.servers, crypto: createWebCryptoSuite({ keyDerivation: new WeakKeyDerivationForTests() }) },
  );
