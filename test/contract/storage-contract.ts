import { accountRepositoryContract } from './ports/account-repository.contract';
import { captchaStoreContract } from './ports/captcha-store.contract';
import { dropTokenRepositoryContract } from './ports/drop-token-repository.contract';
import { droppedObjectsContract } from './ports/dropped-objects.contract';
import { inboxListingVersionContract } from './ports/inbox-listing-version.contract';
import { inboxQuotaModelContract } from './ports/inbox-quota-model.contract';
import { inboxRepositoryContract } from './ports/inbox-repository.contract';
import { inboxTokenUseContract } from './ports/inbox-token-use.contract';
import { inviteRepositoryContract } from './ports/invite-repository.contract';
import { secretStoreContract } from './ports/secret-store.contract';
import { sessionRepositoryContract } from './ports/session-repository.contract';
import { storageDumpContract } from './ports/storage-dump.contract';
import { storeObjectRepositoryContract } from './ports/store-object-repository.contract';
import { OpenStorage, useFreshStorage } from './ports/storage-under-test';
import { userBlobRepositoryContract } from './ports/user-blob-repository.contract';

export type { OpenedStorage, OpenStorage } from './ports/storage-under-test';

/**
 * Every storage port's contract against one adapter. `open` is called before every test and must
 * return an empty storage; its `cleanup` runs after every test.
 */
export const runStorageContract = (adapterName: string, open: OpenStorage): void => {
  describe(`storage contract: ${adapterName}`, () => {
    describe('Storage', () => {
      const subject = useFreshStorage(open);

      it('answers ping while open', async () => {
        expect(await subject.storage.ping()).toBe(true);
      });
    });

    accountRepositoryContract(open);
    userBlobRepositoryContract(open);
    storeObjectRepositoryContract(open);
    droppedObjectsContract(open);
    inboxRepositoryContract(open);
    inboxListingVersionContract(open);
    inboxQuotaModelContract(open);
    inboxTokenUseContract(open);
    dropTokenRepositoryContract(open);
    sessionRepositoryContract(open);
    captchaStoreContract(open);
    secretStoreContract(open);
    inviteRepositoryContract(open);
    storageDumpContract(open);
  });
};
