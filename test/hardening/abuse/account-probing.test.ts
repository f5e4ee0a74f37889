import { LightMyRequestResponse } from 'fastify';
import { KDF_DEFAULT } from '../../../src/domain/protocol/account-rules';
import { aKdfBody, aRegistrationBody, API, HttpTestClient, randomB64u } from '../../http/http-test-client';
import { HardeningServer, startHardeningServer } from '../support/hardening-server';

/**
 * PROTOCOL §1: only the KDF lookup and login hide whether a name exists. A stranger must not tell
 * a registered name from an unknown one by the answers' shape, status, body or headers.
 */
describe('account-existence probing', () => {
  let server: HardeningServer;
  let client: HttpTestClient;
  const registeredSalt = randomB64u(16);

  beforeAll(async () => {
    server = await startHardeningServer();
    client = new HttpTestClient(server.app);
    const registration = { ...aRegistrationBody('alice'), kdf: { ...aKdfBody(), salt: registeredSalt } };
    expect((await client.request('POST', `${API}/accounts`, { body: registration })).statusCode).toBe(201);
  });
  afterAll(() => server.close());

  const kdf = (name: string) => client.request('GET', `${API}/accounts/${name}/kdf`);

  /** Headers a response carries whatever it says, minus the ones that differ on every response. */
  const stableHeaders = (response: LightMyRequestResponse) => {
    const { date: _date, 'content-length': length, ...rest } = response.headers;
    return { ...rest, length };
  };

  const shape = (value: unknown): unknown =>
    typeof value === 'object' && value !== null
      ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shape(item)]))
      : typeof value === 'string'
        ? `string(${value.length})`
        : typeof value;

  it('the decoy for an unknown name has the shape, status and headers of a real answer', async () => {
    const real = await kdf('alice');
    const decoy = await kdf('nobody-here');
    expect(real.json<{ salt: string }>().salt).toBe(registeredSalt);
    expect(decoy.statusCode).toBe(real.statusCode);
    expect(shape(decoy.json())).toEqual(shape(real.json()));
    expect(stableHeaders(decoy)).toEqual(stableHeaders(real));
    expect(decoy.json()).toMatchObject({ algorithm: 'argon2id', ...KDF_DEFAULT });
  });

  it('the decoy is stable for a name and different between names, so repeating the question reveals nothing', async () => {
    const first = (await kdf('nobody-here')).json<{ salt: string }>();
    const again = (await kdf('nobody-here')).json<{ salt: string }>();
    const other = (await kdf('someone-else')).json<{ salt: string }>();
    expect(again).toEqual(first);
    expect(other.salt).not.toBe(first.salt);
  });

  it('login answers an unknown name and a wrong key identically: status, body and headers', async () => {
    const unknownName = await client.login('nobody-here', randomB64u(32));
    const wrongKey = await client.login('alice', randomB64u(32));
    expect(unknownName.statusCode).toBe(401);
    expect(wrongKey.statusCode).toBe(unknownName.statusCode);
    expect(wrongKey.body).toBe(unknownName.body);
    expect(stableHeaders(wrongKey)).toEqual(stableHeaders(unknownName));
  });
});
