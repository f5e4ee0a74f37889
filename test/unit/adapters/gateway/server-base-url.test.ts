import { FetchHomeServerGatewayFactory } from '../../../../src/adapters/gateway/fetch-home-server-gateway';
import { baseUrlForAuthority } from '../../../../src/adapters/gateway/server-base-url';

describe('baseUrlForAuthority', () => {
  it('uses https unless http is allowed', () => {
    expect(baseUrlForAuthority('chat.example.org', false)).toBe('https://chat.example.org');
    expect(baseUrlForAuthority('127.0.0.1:8082', true)).toBe('http://127.0.0.1:8082');
    expect(baseUrlForAuthority('[::1]:8082', false)).toBe('https://[::1]:8082');
  });

  it.each(['', 'host/path', 'host?q', 'host#f', 'user@host', 'host name', 'a\\b', 'host:notaport'])(
    'refuses %j, which is not a bare authority',
    (authority) => {
      expect(() => baseUrlForAuthority(authority, false)).toThrow(RangeError);
    },
  );

  it('binds each gateway of a factory to its own server', () => {
    const factory = new FetchHomeServerGatewayFactory();
    expect(factory.forServer('a.example').authority).toBe('a.example');
    expect(factory.forServer('b.example:8443').authority).toBe('b.example:8443');
  });
});
