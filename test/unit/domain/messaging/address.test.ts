import { canonicalizeAddress, parseAddress, parseAuthority } from '../../../../src/domain/messaging/address';
import { formatAddress } from '../../../../src/domain/protocol/account-rules';
import { errorOf, unwrap } from './builders';

describe('address canonicalization', () => {
  it.each([
    ['alice@chat.example.org', 'alice@chat.example.org'],
    ['Alice@Chat.Example.ORG', 'alice@chat.example.org'],
    ['  bob@example.org  ', 'bob@example.org'],
    ['bob@example.org:443', 'bob@example.org'],
    ['bob@example.org:0443', 'bob@example.org'],
    ['bob@example.org:8443', 'bob@example.org:8443'],
    ['bob@127.0.0.1:8082', 'bob@127.0.0.1:8082'],
    ['bob@localhost:8080', 'bob@localhost:8080'],
    ['bob@[::1]:8080', 'bob@[::1]:8080'],
    ['bob@[2001:DB8:0:0:0:0:0:1]', 'bob@[2001:db8::1]'],
    ['bob@[2001:0db8:0000:0001:0000:0000:0000:0001]:443', 'bob@[2001:db8:0:1::1]'],
    ['bob@[::ffff:192.0.2.1]', 'bob@[::ffff:c000:201]'],
    ['a.b-c_d@xn--bcher-kva.example', 'a.b-c_d@xn--bcher-kva.example'],
  ])('%s → %s', (input, expected) => {
    expect(unwrap(canonicalizeAddress(input))).toBe(expected);
  });

  it('keeps :80, because the address carries no scheme and https://host:80 is not https://host', () => {
    expect(unwrap(canonicalizeAddress('bob@example.org:80'))).toBe('bob@example.org:80');
  });

  it.each([
    '',
    'bob',
    'bob@',
    '@example.org',
    'b@example.org',
    '_bob@example.org',
    'bob@@example.org',
    'bob@alice@example.org',
    `${'a'.repeat(33)}@example.org`,
    'bob@example..org',
    'bob@-example.org',
    'bob@example-.org',
    'bob@exa mple.org',
    'bob@exämple.org',
    'bob@example.org:',
    'bob@example.org:0',
    'bob@example.org:65536',
    'bob@example.org:80a',
    'bob@example.org:8080:1',
    'bob@256.0.0.1',
    'bob@1.2.3',
    'bob@01.2.3.4',
    'bob@0x7f.0.0.1',
    'bob@example.123',
    'bob@[::1',
    'bob@[::1]x',
    'bob@[1:2:3:4:5:6:7:8:9]',
    'bob@[1::2::3]',
    'bob@[fe80::1%eth0]',
    'bob@[::1.2.3.256]',
    'bob@example.org/path',
    'bob@user:pass@example.org',
  ])('rejects %j', (input) => {
    expect(errorOf(parseAddress(input))).toBe('address/invalid');
  });

  it('formats what it parses', () => {
    const address = unwrap(parseAddress('Bob@Example.org:8443'));
    expect(address).toEqual({ name: 'bob', authority: 'example.org:8443' });
    expect(formatAddress(address)).toBe('bob@example.org:8443');
  });

  it('spells each address one way', () => {
    expect(unwrap(canonicalizeAddress('bob@example.org'))).toBe('bob@example.org');
    expect(unwrap(canonicalizeAddress('bob@example.org:443'))).toBe('bob@example.org');
    expect(unwrap(canonicalizeAddress('Bob@example.org'))).toBe('bob@example.org');
  });

  it('canonicalises a server authority alone as it does inside an address', () => {
    expect(unwrap(parseAuthority(' Chat.Example.org:443 '))).toBe('chat.example.org');
    expect(unwrap(parseAuthority('[0:0:0:0:0:0:0:1]:8080'))).toBe('[::1]:8080');
    expect(errorOf(parseAuthority('bob@example.org'))).toBe('address/invalid');
    expect(errorOf(parseAuthority('example.org:0'))).toBe('address/invalid');
  });
});
