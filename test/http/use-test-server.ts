import { startTestServer, TestServer, TestServerOptions } from '../support/test-server';
import { HttpTestClient } from './http-test-client';

export interface ServerUnderTest {
  readonly server: TestServer;
  readonly client: HttpTestClient;
}

/** One test server (and a client for it) shared by every test of the enclosing describe block. */
export const useTestServer = (options: TestServerOptions = {}): ServerUnderTest => {
  let current: ServerUnderTest | undefined;
  beforeAll(async () => {
    const server = await startTestServer(options);
    current = { server, client: new HttpTestClient(server.app) };
  });
  afterAll(async () => {
    await current?.server.close();
    current = undefined;
  });
  const started = (): ServerUnderTest => {
    if (!current) throw new Error('the test server exists only while the tests of its describe block run');
    return current;
  };
  return {
    get server() {
      return started().server;
    },
    get client() {
      return started().client;
    },
  };
};
