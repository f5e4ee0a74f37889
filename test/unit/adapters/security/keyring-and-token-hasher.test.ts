import { createHash } from 'node:crypto';
import { HmacServerKeyring } from '../../../../src/adapters/security/hmac-server-keyring';
import { NodeTokenHasher } from '../../../../src/adapters/security/node-token-hasher';
import { createMemoryStorage } from '../../../../src/adapters/storage/memory/memory-storage';

describe('HmacServerKeyring', () => {
  it('is stable per (purpose, data), separated by purpose, and keyed per server', async () => {
    const secrets = createMemoryStorage().secrets;
    const keyring = new HmacServerKeyring(secrets);
    const again = new HmacServerKeyring(secrets);
    const other = new HmacServerKeyring(createMemoryStorage().secrets);
    const mac = await keyring.mac('kdf-decoy', 'alice');
    expect(mac).toHaveLength(32);
    expect(await again.mac('kdf-decoy', 'alice')).toEqual(mac);
    expect(await keyring.mac('other-purpose', 'alice')).not.toEqual(mac);
    expect(await keyring.mac('kdf-decoyal', 'ice')).not.toEqual(mac);
    expect(await other.mac('kdf-decoy', 'alice')).not.toEqual(mac);
  });
});

describe('NodeTokenHasher', () => {
  it('is hex SHA-256', () => {
    expect(new NodeTokenHasher().sha256Hex('abc')).toBe(createHash('sha256').update('abc').digest('hex'));
  });
});
