import { BLOB_FORMAT } from '../../../domain/messaging/blob-document';
import { HeadMark } from '../../../domain/messaging/fork-log';
import { serializeStoreHead, STORE_KEY_BYTES } from '../../../domain/messaging/store/head-codec';
import { headForWrite } from '../../../domain/messaging/store/head-write';
import { serializeIndexPage } from '../../../domain/messaging/store/index-page';
import { serializeMessagePage } from '../../../domain/messaging/store/message-page';
import { StoreHead } from '../../../domain/messaging/store/store-head';
import { upgradeV1 } from '../../../domain/messaging/store/upgrade-v1';
import { encodeB64u } from '../../../domain/protocol/encoding/b64u';
import { ok, Result } from '../../../domain/protocol/result';
import { ObjectCache } from '../../ports/object-cache';
import { ClientDependencies } from '../client-dependencies';
import { ClientError, clientError, fromGateway } from '../client-error';
import { encryptBlob } from '../protocol/blob-cipher';
import { newObjectId } from '../protocol/object-cipher';
import { StoreObjectAccess } from '../store/store-object-access';
import { writeObject } from '../store/write-object';
import { storeKeyOf } from './account-objects';
import { markOfHead } from './head-mark';
import { LoadBlob, LoadBlobInput } from './load-blob';
import { MAX_WRITE_ATTEMPTS } from './save-blob';

export interface OpenedStore {
  readonly head: StoreHead;
  readonly mark: HeadMark;
}

export interface OpenStoreInput extends LoadBlobInput {
  readonly cache: ObjectCache;
}

/**
 * Reads the account's head at sign-in. A version 1 blob is upgraded at once (PROTOCOL §8.6): a new
 * storeKey, the history sealed into pages (the oldest referenced through index objects) uploaded staged, and one head write committing them with
 * If-Match, so a crash leaves either the old blob (its staged pages expire) or the new store. When
 * another device wrote first (412), the head is read again: its format 2 head is adopted, and the
 * pages this device staged are deleted, so no history is committed twice.
 */
export class OpenStore {
  private readonly loadBlob: LoadBlob;

  constructor(private readonly deps: Pick<ClientDependencies, 'crypto' | 'localStore'>) {
    this.loadBlob = new LoadBlob(deps);
  }

  async execute(input: OpenStoreInput): Promise<Result<OpenedStore, ClientError>> {
    const { crypto } = this.deps;
    for (let attempt = 1; ; attempt++) {
      const loaded = await this.loadBlob.execute(input);
      if (!loaded.ok) return loaded;
      const { stored, mark } = loaded.value;
      if (stored.format !== BLOB_FORMAT) return ok({ head: stored.head, mark });

      const upgraded = upgradeV1(stored.doc, encodeB64u(crypto.random.bytes(STORE_KEY_BYTES)), () => newObjectId(crypto.random));
      const access = this.objectAccess(input, upgraded.head);
      const objects = [
        ...upgraded.pages.map(({ id, page }) => ({ id, text: serializeMessagePage(page) })),
        ...upgraded.indexes.map(({ id, index }) => ({ id, text: serializeIndexPage(index) })),
      ];
      const staged: string[] = [];
      for (const { id, text } of objects) {
        const uploaded = await writeObject(access, id, text);
        if (!uploaded.ok) return fromGateway(uploaded.error, 'Upgrading your data failed');
        staged.push(id);
      }
      const head = headForWrite(upgraded.head, { mark, log: [] });
      const ciphertext = await encryptBlob(crypto, input.blobKey, input.name, serializeStoreHead(head));
      const written = await input.gateway.writeBlob(input.sessionToken, {
        expectedVersion: loaded.value.version,
        ciphertext,
        ...(staged.length > 0 ? { objects: { commit: staged } } : {}),
      });
      if (written.ok) {
        const writtenMark = await markOfHead(crypto, written.value.version, ciphertext);
        await this.loadBlob.remember(input.address, writtenMark);
        return ok({ head, mark: writtenMark });
      }
      // Any other failure may have been applied after all: its pages are left to commit or expire.
      if (written.error.code !== 'version_conflict') return fromGateway(written.error, 'Upgrading your data failed');
      for (const id of staged) {
        await input.gateway.deleteObject(input.sessionToken, id);
        await input.cache.drop(id);
      }
      if (attempt >= MAX_WRITE_ATTEMPTS) return clientError('version_conflict', 'Upgrading your data failed: other devices kept writing.');
    }
  }

  private objectAccess(input: OpenStoreInput, head: StoreHead): StoreObjectAccess {
    return {
      gateway: input.gateway,
      asOwner: (call) => call(input.sessionToken),
      cache: input.cache,
      crypto: this.deps.crypto,
      accountName: input.name,
      storeKey: storeKeyOf(head),
    };
  }
}
