import { ServerStorage } from '../../../src/application/ports/server-storage';

/** A storage port's name on `ServerStorage` (`accounts`, `inbox`, …). */
export type PortName = { [K in keyof ServerStorage]: ServerStorage[K] extends (...args: never[]) => unknown ? never : K }[keyof ServerStorage];

/** Runs after the real port method resolved and before its caller sees the result. */
export type AfterCall = (call: { port: PortName; method: string; args: unknown[]; result: unknown }) => Promise<void> | void;

const wrapPort = <T extends object>(port: PortName, target: T, after: AfterCall): T =>
  new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return async (...args: unknown[]) => {
        const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(object, args);
        await after({ port, method: property, args, result });
        return result;
      };
    },
  });

/**
 * The storage a server runs on, with a hook after every port call: lets a test act between two
 * steps of a use case (delete an account between its check and its write) or journal every write.
 * Works on any adapter, whatever ports it has, because it only wraps the ports' methods.
 */
export const interceptStorage = (inner: ServerStorage, after: AfterCall): ServerStorage => {
  const ports = new Map<string, object>();
  return new Proxy(inner, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value === 'function') return (value as (...a: unknown[]) => unknown).bind(target);
      if (typeof property !== 'string' || typeof value !== 'object' || value === null) return value;
      const wrapped = ports.get(property) ?? wrapPort(property as PortName, value, after);
      ports.set(property, wrapped);
      return wrapped;
    },
  });
};

/** Port methods that only read. Anything else on a port counts as a write. */
const READERS = new Set(['find', 'list', 'findByHash', 'findActive', 'stats', 'get', 'usage']);

/** Writes that are part of rejecting input by design: a wrong captcha answer uses up an attempt. */
const EPHEMERAL_PORTS = new Set<PortName>(['captchas']);

/** A write that reports it found nothing to change: revoking an unknown token, acking no item. */
const changedNothing = (result: unknown): boolean =>
  result === false || result === 0 || result === null || (typeof result === 'object' && result !== null && 'ok' in result && result.ok === false);

/** Every durable write made through the ports, as `port.method`, for "no state change" checks. */
export class WriteJournal {
  private readonly entries: string[] = [];

  readonly record: AfterCall = ({ port, method, result }) => {
    if (READERS.has(method) || EPHEMERAL_PORTS.has(port) || changedNothing(result)) return;
    // The signing and decoy secrets are created lazily on first use, not by the request's input.
    if (port === 'secrets') return;
    this.entries.push(`${port}.${method}`);
  };

  /** Writes since the last call. */
  take(): string[] {
    return this.entries.splice(0, this.entries.length);
  }
}
