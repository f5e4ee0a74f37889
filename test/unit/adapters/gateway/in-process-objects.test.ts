import { DEFAULT_INBOX_QUOTAS } from '../../../../src/domain/home-server/inbox-quota';
import { DEFAULT_STORE_LIMITS } from '../../../../src/domain/home-server/store/store-object';
import { InProcessHomeServerGateway } from '../../../support/in-process-home-server-gateway';
import { createServerHarness } from '../../server/server-harness';
import { describeStoreObjectCalls, STORE_TEST_LIMITS } from './store-object-calls-contract';

describeStoreObjectCalls('InProcessHomeServerGateway', async () => {
  const { objectBytes, storeBytes, blobBytes, tokenBytes } = STORE_TEST_LIMITS;
  const quotas = { ...DEFAULT_INBOX_QUOTAS, maxBytesPerToken: tokenBytes };
  const harness = createServerHarness({ policy: { blobBytes, quotas, store: { ...DEFAULT_STORE_LIMITS, objectBytes, storeBytes } } });
  return new InProcessHomeServerGateway('home.test', harness.deps);
});
