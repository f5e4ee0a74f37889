import { createBrowserMessenger } from '../../../src/infrastructure/library/client-browser';
import { createNodeMessenger } from '../../../src/infrastructure/library/client-node';
import { Messenger } from '../../../src/application/client/messenger';

/*
 * Whoever makes the messenger decides where plain http is allowed, once: the library's options
 * reach the gateways the client core uses. Every request is answered 404 here; only where the
 * first one went matters.
 */
describe('the client library: http policy', () => {
  const realFetch = globalThis.fetch;
  let requested: string[];

  beforeEach(() => {
    requested = [];
    globalThis.fetch = async (input: string | URL | Request) => {
      requested.push(input instanceof Request ? input.url : String(input));
      return new Response(JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, code: 'not_found' }), {
        status: 404,
        headers: { 'content-type': 'application/problem+json' },
      });
    };
  });

  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  const firstUrlOfLogIn = async (messenger: Messenger, address: string): Promise<string> => {
    await expect(messenger.logIn(address, 'a passphrase')).rejects.toThrow();
    expect(requested.length).toBeGreaterThan(0);
    return requested[0] ?? '';
  };

  it.each([
    ['Node', createNodeMessenger],
    ['browsers', createBrowserMessenger],
  ])('in %s: https to a home server by default, plain http only to a loopback one', async (_, create) => {
    expect(await firstUrlOfLogIn(create(), 'alice@chat.example.org')).toMatch(/^https:\/\/chat\.example\.org\//);
    requested = [];
    expect(await firstUrlOfLogIn(create(), 'alice@127.0.0.1:8080')).toMatch(/^http:\/\/127\.0\.0\.1:8080\//);
  });

  it.each([
    ['Node', createNodeMessenger],
    ['browsers', createBrowserMessenger],
  ])('in %s: made with allowHttp, plain http to every home server', async (_, create) => {
    expect(await firstUrlOfLogIn(create({ allowHttp: true }), 'alice@chat.example.org')).toMatch(/^http:\/\/chat\.example\.org\//);
  });
});
