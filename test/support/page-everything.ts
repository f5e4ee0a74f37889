import { createWebCryptoSuite } from '../../src/adapters/crypto/web-crypto-suite';
import { encryptBlob } from '../../src/application/client/protocol/blob-cipher';
import { newObjectId } from '../../src/application/client/protocol/object-cipher';
import { accountObjects } from '../../src/application/client/session/account-objects';
import { markOfHead } from '../../src/application/client/session/head-mark';
import { SignedInAccount } from '../../src/application/client/session/signed-in-account';
import { writeObject } from '../../src/application/client/store/write-object';
import { foldPages } from '../../src/domain/messaging/store/fold-pages';
import { serializeStoreHead } from '../../src/domain/messaging/store/head-codec';
import { headForWrite } from '../../src/domain/messaging/store/head-write';
import { serializeIndexPage } from '../../src/domain/messaging/store/index-page';
import { serializeMessagePage } from '../../src/domain/messaging/store/message-page';
import { sealTail } from '../../src/domain/messaging/store/seal-tail';
import { StoreHead } from '../../src/domain/messaging/store/store-head';
import { Result } from '../../src/domain/protocol/result';

const crypto = createWebCryptoSuite();

const expectOk = <T, E>(result: Result<T, E>): T => {
  if (!result.ok) throw new Error(`expected ok, got error ${JSON.stringify(result.error)}`);
  return result.value;
};

/** Seals the whole tail into pages of a few messages and folds all but the newest references into indexes, as a long history would be. */
export const pageEverything = async (account: SignedInAccount): Promise<void> => {
  const access = accountObjects({ crypto }, account);
  let head: StoreHead = account.head;
  const commit: string[] = [];
  for (;;) {
    const sealed = sealTail(head, newObjectId(crypto.random), { thresholdBytes: 0, keepBytes: 0, maxPageBytes: 1200 });
    if (sealed === null) break;
    expectOk(await writeObject(access, sealed.ref.id, serializeMessagePage(sealed.page)));
    commit.push(sealed.ref.id);
    head = sealed.head;
  }
  for (;;) {
    const folded = foldPages(head, newObjectId(crypto.random), { foldAt: 2, fold: 2 });
    if (folded === null) break;
    expectOk(await writeObject(access, folded.ref.id, serializeIndexPage(folded.index)));
    commit.push(folded.ref.id);
    head = folded.head;
  }
  const next = headForWrite(head, account.parent);
  const ciphertext = await encryptBlob(crypto, account.blobKey, account.name, serializeStoreHead(next));
  const written = expectOk(await account.gateway.writeBlob(account.session.token, { expectedVersion: account.version, ciphertext, objects: { commit } }));
  account.adoptSaved(next, await markOfHead(crypto, written.version, ciphertext));
};

