import fc from 'fast-check';
import { checkAddress, checkAddressParts, checkName, checkServer } from '../../../../src/adapters/web/address-input';
import { canonicalizeAddress } from '../../../../src/domain/messaging/address';

describe('address input', () => {
  it('accepts what people paste and canonicalises it', () => {
    expect(checkServer(' https://Chat.Example.org/ ')).toEqual({ ok: true, value: 'chat.example.org' });
    expect(checkAddress('Bob@127.0.0.1:8082')).toEqual({ ok: true, value: 'bob@127.0.0.1:8082' });
  });

  it('checks the two address fields together, with an error per field', () => {
    expect(checkAddressParts({ name: ' Alice ', server: 'https://Chat.Example.org/' })).toEqual({
      address: 'alice@chat.example.org',
      errors: { name: null, server: null },
    });
    const bad = checkAddressParts({ name: '', server: 'chat example' });
    expect(bad.address).toBeNull();
    expect(bad.errors.name).toBe('Enter a name.');
    expect(bad.errors.server).toMatch(/^Enter a host name/);
  });

  it('rejects names and servers the protocol does not allow', () => {
    expect(checkName('a').ok).toBe(false);
    expect(checkName('-bob').ok).toBe(false);
    expect(checkServer('chat example').ok).toBe(false);
    expect(checkAddress('bob').ok).toBe(false);
    expect(checkAddress('bob@').ok).toBe(false);
  });

  it('says by how many characters a name is too long, one or many, trailing spaces of a paste not counted', () => {
    expect(checkName('a'.repeat(32)).ok).toBe(true);
    expect(checkName(`${'a'.repeat(33)}  `)).toEqual({ ok: false, error: '1 character too long: a name holds up to 32.' });
    expect(checkName('b'.repeat(40))).toEqual({ ok: false, error: '8 characters too long: a name holds up to 32.' });
  });

  it('canonicalises like the client does later: no :443, lowercase, compressed IPv6', () => {
    expect(checkServer('Chat.Example.org:443')).toEqual({ ok: true, value: 'chat.example.org' });
    expect(checkAddress('alice@example.org:443')).toEqual({ ok: true, value: 'alice@example.org' });
    expect(checkAddress('Bob@[2001:DB8:0:0:0:0:0:1]:8443')).toEqual({ ok: true, value: 'bob@[2001:db8::1]:8443' });
    expect(checkAddressParts({ name: 'carol', server: 'https://[::1]:443/' }).address).toBe('carol@[::1]');
  });

  it.each([
    ['a numeric last label that is not an IPv4 address', '1.2.3'],
    ['an IPv4 address out of range', '256.1.1.1'],
    ['a port out of range', 'chat.example.org:99999'],
    ['port zero', 'chat.example.org:0'],
    ['a malformed IPv6 address', '[1:2:3]'],
    ['a label over 63 characters', `${'a'.repeat(64)}.example.org`],
  ])('refuses %s, as the client would later', (_, server) => {
    expect(checkServer(server).ok).toBe(false);
    expect(checkAddress(`bob@${server}`).ok).toBe(false);
  });

  it('lets through only addresses the client parses to themselves', () => {
    const label = fc.stringMatching(/^[a-zA-Z0-9-]{1,8}$/);
    const host = fc.oneof(
      fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.')),
      fc.tuple(fc.nat(300), fc.nat(300), fc.nat(300), fc.nat(300)).map((parts) => parts.join('.')),
      fc.array(fc.stringMatching(/^[0-9a-fA-F]{0,4}$/), { minLength: 2, maxLength: 9 }).map((groups) => `[${groups.join(':')}]`),
    );
    const server = fc.tuple(host, fc.option(fc.oneof(fc.constant(443), fc.nat(70000)))).map(([h, port]) => (port === null ? h : `${h}:${port}`));
    fc.assert(
      fc.property(fc.stringMatching(/^[a-zA-Z0-9._-]{1,10}$/), server, (name, typed) => {
        const checked = checkAddress(`${name}@${typed}`);
        if (checked.ok) expect(canonicalizeAddress(checked.value)).toEqual({ ok: true, value: checked.value });
        const parts = checkAddressParts({ name, server: typed });
        expect(parts.address).toBe(checked.ok ? checked.value : null);
      }),
      { numRuns: 500 },
    );
  });
});
