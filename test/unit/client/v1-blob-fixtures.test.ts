import '../../../src/adapters/crypto-node/argon2-node-loader';
import { createWebCryptoSuite } from '../../../src/adapters/crypto/web-crypto-suite';
import { deriveAccountKeys } from '../../../src/application/client/protocol/account-keys';
import { decryptBlob } from '../../../src/application/client/protocol/blob-cipher';
import { parseBlobDocument } from '../../../src/domain/messaging/blob-codec';
import { loadV1BlobFixtures } from '../../fixtures/v1-blob-fixture';

/*
 * The committed version 1 blobs (test/fixtures/v1-blobs) are what protocol 2's upgrade is tested
 * against: they must stay readable by the client, byte for byte as the version 1 client wrote them.
 */

const crypto = createWebCryptoSuite();

describe.each(loadV1BlobFixtures().map((fixture) => [fixture.scenario, fixture] as const))('version 1 blob fixture %s', (_, fixture) => {
  it('decrypts with its password and holds what it was made with', async () => {
    const keys = await deriveAccountKeys(crypto, fixture.password, fixture.kdf);
    if (!keys.ok) throw new Error(keys.error);
    const plaintext = await decryptBlob(crypto, keys.value.blobKey, fixture.name, fixture.blob.ciphertext);
    if (!plaintext.ok) throw new Error(plaintext.error);
    const doc = parseBlobDocument(plaintext.value);
    if (!doc.ok) throw new Error(doc.error);

    expect(doc.value.format).toBe(1);
    expect(doc.value.version).toBe(fixture.blob.version);
    expect(doc.value.identity.publicKey).toBe(fixture.identityKey);
    const bodies = Object.values(doc.value.messages).map((message) => message.body);
    expect(bodies).toHaveLength(fixture.expect.messages);
    expect(bodies).toEqual(expect.arrayContaining([...fixture.expect.sampleBodies]));
    expect(Object.keys(doc.value.friends)).toEqual(expect.arrayContaining([...fixture.expect.friends, ...fixture.expect.outgoingRequests]));
  });
});
