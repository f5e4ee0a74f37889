import { Cipher, ClientCrypto } from '../../src/application/ports/client-crypto';
import { HomeServerGateway, HomeServerGatewayFactory } from '../../src/application/ports/home-server-gateway';

/*
 * Decorators that add up the time spent in each port call while a use case runs. The client use
 * cases await their calls one after another, so the sums split a sync's wall time without overlap.
 */

export class PhaseClock {
  private readonly totals = new Map<string, number>();

  async time<T>(phase: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.totals.set(phase, (this.totals.get(phase) ?? 0) + performance.now() - started);
    }
  }

  /** Bytes the client sent to the server, by what carried them. */
  private readonly sent = new Map<string, number>();

  countSent(what: string, bytes: number): void {
    this.sent.set(what, (this.sent.get(what) ?? 0) + bytes);
  }

  sentSnapshot(): Record<string, number> {
    return Object.fromEntries(this.sent);
  }

  reset(): void {
    this.totals.clear();
    this.sent.clear();
  }

  overview(): Record<string, number> {
    return Object.fromEntries(this.totals);
  }
}

/** HTTP phase names by gateway method; any other call by its method name. */
const HTTP_PHASES: Readonly<Record<string, string>> = {
  listInbox: 'GET /inbox',
  readBlob: 'GET /blob',
  writeBlob: 'PUT /blob',
  ackInbox: 'POST /inbox/ack',
  putObject: 'PUT /store/objects',
  getObject: 'GET /store/objects',
};

/** What an upload call puts on the wire: the head's ciphertext (b64url text in JSON) or an object's bytes. */
const countUpload = (clock: PhaseClock, property: string, args: readonly unknown[]): void => {
  const input = args[1];
  if (property === 'writeBlob' && typeof input === 'object' && input !== null && 'ciphertext' in input && typeof input.ciphertext === 'string') {
    clock.countSent('head', input.ciphertext.length);
  }
  if (property === 'putObject' && args[2] instanceof Uint8Array) clock.countSent('objects', args[2].byteLength);
};

const timedGateway = (gateway: HomeServerGateway, clock: PhaseClock): HomeServerGateway =>
  new Proxy(gateway, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => {
        countUpload(clock, property, args);
        const result: unknown = value.apply(target, args);
        return result instanceof Promise ? clock.time(HTTP_PHASES[property] ?? `HTTP ${property}`, () => result) : result;
      };
    },
  });

export const timedGateways = (factory: HomeServerGatewayFactory, clock: PhaseClock): HomeServerGatewayFactory => ({
  forServer: (authority) => timedGateway(factory.forServer(authority), clock),
});

const timedCipher = (cipher: Cipher, clock: PhaseClock): Cipher => ({
  encrypt: (key, nonce, plaintext, aad) => clock.time('AES-GCM', () => cipher.encrypt(key, nonce, plaintext, aad)),
  decrypt: (key, nonce, sealed, aad) => clock.time('AES-GCM', () => cipher.decrypt(key, nonce, sealed, aad)),
});

export const timedCrypto = (crypto: ClientCrypto, clock: PhaseClock): ClientCrypto => ({
  ...crypto,
  cipher: timedCipher(crypto.cipher, clock),
  keyDerivation: { argon2id: (password, salt, cost) => clock.time('Argon2id', () => crypto.keyDerivation.argon2id(password, salt, cost)) },
});
