import { testDevice } from '../../support/session-world';
import { hashWasmStreamingDigest } from '../../../src/adapters/crypto/hash-wasm-streaming-digest';
import { createWebCryptoSuite } from '../../../src/adapters/crypto/web-crypto-suite';
import { MemoryDraftStore } from '../../../src/adapters/local-store/memory-draft-store';
import { FakeNetwork } from '../../support/fake-messenger';
import { FakeClock } from '../../support/fakes';
import { InProcessHomeServers } from '../../support/in-process-home-server-gateway';
import { WeakKeyDerivationForTests } from '../../support/weak-key-derivation';
import { createServerHarness, ServerHarness } from '../server/server-harness';
import { messengerContract } from './messenger.contract';

messengerContract('the real client core over in-process home servers', async () => {
  const servers = new InProcessHomeServers();
  const harnesses = new Map<string, ServerHarness>();
  for (const authority of ['north.example', 'south.example:8443']) {
    const harness = createServerHarness();
    servers.add(authority, harness.deps);
    harnesses.set(authority, harness);
  }
  const clock = new FakeClock();
  const crypto = createWebCryptoSuite({ keyDerivation: new WeakKeyDerivationForTests() });
  return {
    servers: ['north.example', 'south.example:8443'],
    device: () => testDevice({ servers, clock }, { crypto, streamingDigest: hashWasmStreamingDigest, draftStore: new MemoryDraftStore() }),
    answerCaptchaOf: (recipient) => () => harnesses.get(recipient.slice(recipient.lastIndexOf('@') + 1))?.challenger.lastAnswer ?? '',
    passMillisecond: async () => clock.set(clock.now() + 1),
    passTime: async (ms) => clock.set(clock.now() + ms),
  };
});

messengerContract('the fake network the web app’s UI tests drive', async () => {
  let skew = 0;
  const network = new FakeNetwork({ latencyMs: 0, now: () => Date.now() + skew });
  return {
    servers: ['north.example', 'south.example:8443'],
    device: () => network.messenger(),
    answerCaptchaOf: () => () => network.lastCaptchaAnswer ?? '',
    // The fake stamps messages with Date.now().
    passMillisecond: () => new Promise((resolve) => setTimeout(resolve, 2)),
    passTime: async (ms) => {
      skew += ms;
    },
  };
});
