import { MemoryObjectCache } from '../../../../src/adapters/local-store/memory-object-cache';
import { SignedInAccount } from '../../../../src/application/client/session/signed-in-account';
import { keyOfMessage } from '../../../../src/domain/messaging/message';
import { deleteMessage } from '../../../../src/domain/messaging/messages';
import { sealTail } from '../../../../src/domain/messaging/store/seal-tail';
import { StoreHead, tailDocument, withTailDocument } from '../../../../src/domain/messaging/store/store-head';
import { KDF_FLOOR } from '../../../../src/domain/protocol/account-rules';
import { InProcessHomeServers } from '../../../support/in-process-home-server-gateway';
import { T0 } from '../../domain/messaging/builders';
import { headOf, incomingMessages, objectIdFactory, withTail } from '../../domain/messaging/store/store-builders';

const newId = objectIdFactory();
const options = { thresholdBytes: 3000, keepBytes: 1500, maxPageBytes: 100_000 };

/** A head with two pages (m1–m10, m11–m20) whose m1 is deleted: the first page is due for compaction, the second is not. */
export const headWithOneDirtyPage = () => {
  const first = sealTail(withTail(headOf(), incomingMessages(20, 100)), newId(), options)!;
  const second = sealTail(withTail(first.head, incomingMessages(20, 100, 21)), newId(), options)!;
  const deleted = deleteMessage(tailDocument(second.head), keyOfMessage(incomingMessages(1)[0]!), T0);
  return {
    head: withTailDocument(second.head, deleted),
    dirty: { id: first.ref.id, page: first.page },
    clean: { id: second.ref.id, page: second.page },
  };
};

/** A signed-in account holding `head`, whose gateway answers nothing: for what the account decides in memory. */
export const accountWith = (head: StoreHead): SignedInAccount =>
  new SignedInAccount({
    name: 'alice',
    address: 'alice@one.test',
    authority: 'one.test',
    gateway: new InProcessHomeServers().forServer('one.test'),
    deviceId: 'device',
    limits: { blobBytes: 1_000_000, envelopeBytes: 100_000 },
    progress: undefined,
    head,
    mark: { version: 1, hash: 'unused' },
    objectCache: new MemoryObjectCache(),
    openInbox: false,
    securityWarning: null,
    session: { token: 'unused', expiresAt: T0 },
    authKey: new Uint8Array(32),
    blobKey: new Uint8Array(32),
    kdf: { algorithm: 'argon2id', salt: 'AAAAAAAAAAAAAAAAAAAAAA', ...KDF_FLOOR },
  });
