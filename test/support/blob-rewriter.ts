import '../../src/adapters/crypto-node/argon2-node-loader';
import { createWebCryptoSuite } from '../../src/adapters/crypto/web-crypto-suite';
import { FetchHomeServerGatewayFactory } from '../../src/adapters/gateway/fetch-home-server-gateway';
import { MemoryLocalStore } from '../../src/adapters/local-store/memory-local-store';
import { SetTimeoutTimer } from '../../src/adapters/time/set-timeout-timer';
import { ClientDependencies } from '../../src/application/client/client-dependencies';
import { createClientUseCases } from '../../src/application/client/use-cases/client-use-cases';
import { SaveBlob } from '../../src/application/client/session/save-blob';
import { KDF_FLOOR } from '../../src/domain/protocol/account-rules';
import { BlobDocument } from '../../src/domain/messaging/blob-document';
import { ok } from '../../src/domain/protocol/result';

/**
 * Rewrites an account's blob as another device running some other client version could have:
 * for the records such a client stored before a check existed (e.g. a friend's unbounded time).
 * Uses the real log-in and If-Match write, so the result is a blob the account's key opens; `world`
 * gives the servers (and the crypto their accounts were made with) where they are not over HTTP.
 */
export const rewriteBlob = async (
  address: string,
  password: string,
  change: (doc: BlobDocument) => BlobDocument,
  world: Partial<Pick<ClientDependencies, 'crypto' | 'gateways'>> = {},
): Promise<void> => {
  const deps = {
    crypto: world.crypto ?? createWebCryptoSuite(),
    gateways: world.gateways ?? new FetchHomeServerGatewayFactory({ allowHttp: true }),
    localStore: new MemoryLocalStore(),
    clock: { now: () => Date.now() },
    kdfCost: KDF_FLOOR,
    timer: new SetTimeoutTimer(),
  };
  const useCases = createClientUseCases(deps);
  const account = await useCases.logIn.execute({ address, password });
  if (!account.ok) throw new Error(`log-in failed: ${account.error.message}`);
  const saved = await new SaveBlob(deps).execute<void, never>(account.value, async (doc) => ok({ doc: change(doc), value: undefined }));
  if (!saved.ok) throw new Error(`write failed: ${String(saved.error)}`);
  await useCases.logOut.execute(account.value);
};
