import { baseUrlOf, canonicalizeAddress, isCanonicalAddress, parseAddress } from '../../../../src/domain/messaging/address';
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

  it('tells canonical from non-canonical text', () => {
    expect(isCanonicalAddress('bob@example.org')).toBe(true);
    expect(isCanonicalAddress('bob@example.org:443')).toBe(false);
    expect(isCanonicalAddress('Bob@example.org')).toBe(false);
  });
});

describe('baseUrlOf', () => {
  it('is https by default', () => {
    expect(unwrap(baseUrlOf('bob@chat.example.org', { allowHttp: false }))).toBe('https://chat.example.org');
  });

  it('is http when the client allows it', () => {
    expect(unwrap(baseUrlOf('bob@127.0.0.1:8082', { allowHttp: true }))).toBe('http://127.0.0.1:8082');
  });

  it('accepts a parsed address and keeps IPv6 brackets', () => {
    const address = unwrap(parseAddress('bob@[::1]:8080'));
    expect(unwrap(baseUrlOf(address, { allowHttp: false }))).toBe('https://[::1]:8080');
  });

  it('rejects an invalid address', () => {
    expect(errorOf(baseUrlOf('not an address', { allowHttp: true }))).toBe('address/invalid');
  });
});
