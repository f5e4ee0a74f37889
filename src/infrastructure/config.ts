import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { isMongoUrl } from '../adapters/storage/mongodb/mongo-options';
import { WIRE_CEILINGS } from '../domain/protocol/wire/primitives';

export type StorageKind = 'sqlite' | 'memory' | 'mongodb';
/** `both`: an image by default, proof of work for clients that ask for it. */
export type CaptchaSetting = 'image' | 'pow' | 'both';
export type RegistrationSetting = 'open' | 'invite' | 'closed';
export type TrustProxy = false | number | readonly string[];
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** The home server's configuration (PROTOCOL §7), validated. */
export interface StarbaseConfig {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly storage: StorageKind;
  readonly mongodbUrl: string | null;
  readonly captcha: CaptchaSetting;
  readonly registration: RegistrationSetting;
  /** `https://host[:port]` the server is reached under; null: from each request's Host. */
  readonly publicUrl: string | null;
  readonly rateLimits: boolean;
  readonly logLevel: LogLevel;
  readonly inboxItems: number;
  readonly inboxBytes: number;
  /** Pending bytes one drop token may hold in an inbox; null: a quarter of `inboxBytes` (PROTOCOL §10). */
  readonly tokenBytes: number | null;
  readonly blobBytes: number;
  readonly envelopeBytes: number;
  /** Largest store object (PROTOCOL §8.1). */
  readonly objectBytes: number;
  /** Head + staged + committed objects per account. */
  readonly storeBytes: number;
  /** Largest file clients should offer (announced only). */
  readonly fileBytes: number;
  /** Unclaimed dropped objects and unacknowledged inbox items older than this many days are deleted. */
  readonly dropRetentionDays: number;
  /** Built web app served at `/`; null when there is none. */
  readonly webRoot: string | null;
  /**
   * Which X-Forwarded-For hops to believe (for client addresses in rate limits): false for none,
   * a count of proxies in front, or the proxies' own addresses. Never every hop: a client can
   * write anything at the left of the header.
   */
  readonly trustProxy: TrustProxy;
  /** Prometheus metrics at `/metrics`. */
  readonly metrics: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid starbase configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Source = Readonly<Record<string, string | undefined>>;

interface Variable<K extends keyof StarbaseConfig> {
  readonly key: K;
  readonly env: string;
  readonly fallback: string | null;
  readonly parse: (text: string) => StarbaseConfig[K] | { readonly invalid: string };
}

const oneOf =
  <T extends string>(allowed: readonly T[]) =>
  (text: string): T | { invalid: string } =>
    (allowed as readonly string[]).includes(text) ? (text as T) : { invalid: `allowed values: ${allowed.join(', ')}` };

const integer =
  (min: number, max: number) =>
  (text: string): number | { invalid: string } => {
    const value = /^[0-9]{1,16}$/.test(text) ? Number(text) : NaN;
    return Number.isSafeInteger(value) && value >= min && value <= max ? value : { invalid: `an integer from ${min} to ${max}` };
  };

const onOff = (text: string): boolean | { invalid: string } =>
  text === 'on' ? true : text === 'off' ? false : { invalid: 'allowed values: on, off' };

const text = (text: string): string => text;

const PROXY_KEYWORDS = ['loopback', 'linklocal', 'uniquelocal'];

const isProxyAddress = (entry: string): boolean => {
  if (PROXY_KEYWORDS.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^[0-9]{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
};

const trustProxy = (value: string): TrustProxy | { invalid: string } => {
  const expected = {
    invalid:
      'off, the number of proxies in front (1 to 10), or the proxies\' addresses (e.g. 127.0.0.1,::1 or 10.0.0.0/8 or loopback); ' +
      '"on" is not accepted: it would believe a client\'s own X-Forwarded-For',
  };
  if (value === 'off') return false;
  if (/^[0-9]{1,2}$/.test(value)) return Number(value) >= 1 && Number(value) <= 10 ? Number(value) : expected;
  const entries = value.split(',').map((entry) => entry.trim());
  return entries.every(isProxyAddress) ? entries : expected;
};

const httpUrl =
  (schemes: readonly string[]) =>
  (value: string): string | { invalid: string } => {
    try {
      const url = new URL(value);
      if (!schemes.includes(url.protocol)) return { invalid: `a ${schemes.join(' or ')} URL` };
      return url.protocol.startsWith('http') ? url.origin : value;
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      return { invalid: `a URL (${schemes.join(' or ')})` };
    }
  };

/** Replica-set seed lists (`mongodb://h1,h2/db`) are not WHATWG URLs, so `new URL` cannot check them. */
const mongoUrl = (value: string): string | { invalid: string } =>
  isMongoUrl(value) ? value : { invalid: 'a mongodb:// or mongodb+srv:// connection string' };

const VARIABLES = [
  { key: 'host', env: 'STARBASE_HOST', fallback: '127.0.0.1', parse: text },
  { key: 'port', env: 'STARBASE_PORT', fallback: '8080', parse: integer(0, 65535) },
  { key: 'dataDir', env: 'STARBASE_DATA_DIR', fallback: './data', parse: (value: string) => resolve(value) },
  { key: 'storage', env: 'STARBASE_STORAGE', fallback: 'sqlite', parse: oneOf<StorageKind>(['sqlite', 'memory', 'mongodb']) },
  { key: 'mongodbUrl', env: 'STARBASE_MONGODB_URL', fallback: null, parse: mongoUrl },
  { key: 'captcha', env: 'STARBASE_CAPTCHA', fallback: 'image', parse: oneOf<CaptchaSetting>(['image', 'pow', 'both']) },
  { key: 'registration', env: 'STARBASE_REGISTRATION', fallback: 'open', parse: oneOf<RegistrationSetting>(['open', 'invite', 'closed']) },
  { key: 'publicUrl', env: 'STARBASE_PUBLIC_URL', fallback: null, parse: httpUrl(['https:', 'http:']) },
  { key: 'rateLimits', env: 'STARBASE_RATE_LIMITS', fallback: 'on', parse: onOff },
  {
    key: 'logLevel',
    env: 'STARBASE_LOG_LEVEL',
    fallback: 'info',
    parse: oneOf<LogLevel>(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  },
  { key: 'inboxItems', env: 'STARBASE_INBOX_ITEMS', fallback: '10000', parse: integer(1, 10_000_000) },
  // PROTOCOL §10: 1 GiB, so an inbox holds a few unclaimed files.
  { key: 'inboxBytes', env: 'STARBASE_INBOX_BYTES', fallback: '1073741824', parse: integer(1024, 2 ** 40) },
  { key: 'tokenBytes', env: 'STARBASE_TOKEN_BYTES', fallback: null, parse: integer(1024, 2 ** 40) },
  { key: 'blobBytes', env: 'STARBASE_BLOB_BYTES', fallback: '16777216', parse: integer(1024, WIRE_CEILINGS.blobBytes) },
  { key: 'envelopeBytes', env: 'STARBASE_ENVELOPE_BYTES', fallback: '65536', parse: integer(1024, WIRE_CEILINGS.envelopeBytes) },
  { key: 'objectBytes', env: 'STARBASE_OBJECT_BYTES', fallback: '4194304', parse: integer(1024, WIRE_CEILINGS.objectBytes) },
  { key: 'storeBytes', env: 'STARBASE_STORE_BYTES', fallback: '1073741824', parse: integer(1024, 2 ** 50) },
  { key: 'fileBytes', env: 'STARBASE_FILE_BYTES', fallback: '104857600', parse: integer(1, 2 ** 50) },
  { key: 'dropRetentionDays', env: 'STARBASE_DROP_RETENTION_DAYS', fallback: '30', parse: integer(1, 36500) },
  { key: 'webRoot', env: 'STARBASE_WEB_ROOT', fallback: null, parse: (value: string) => resolve(value) },
  { key: 'trustProxy', env: 'STARBASE_TRUST_PROXY', fallback: 'off', parse: trustProxy },
  { key: 'metrics', env: 'STARBASE_METRICS', fallback: 'off', parse: onOff },
] as const satisfies readonly Variable<keyof StarbaseConfig>[];

/** `--STARBASE_PORT=8081` and `--port=8081` both override STARBASE_PORT. */
const flagName = (env: string): string => env.replace(/^STARBASE_/, '').toLowerCase().replace(/_/g, '-');

const parseFlags = (argv: readonly string[], problems: string[]): Record<string, string> => {
  const flags: Record<string, string> = {};
  for (const arg of argv) {
    const match = /^--([A-Za-z0-9_-]+)=(.*)$/s.exec(arg);
    const variable = match && VARIABLES.find((v) => v.env === match[1] || flagName(v.env) === match[1]);
    if (!match || !variable) {
      problems.push(`unknown argument ${JSON.stringify(arg)} (flags are --name=value, e.g. --port=8080 or --STARBASE_PORT=8080)`);
      continue;
    }
    flags[variable.env] = match[2] ?? '';
  }
  return flags;
};

/** The web app built next to the server (dist/web), when present. */
export const defaultWebRoot = (): string | null => {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
  const webRoot = join(dir, 'dist', 'web');
  return existsSync(webRoot) ? webRoot : null;
};

/**
 * Reads the configuration: environment variables, overridden by `--name=value` flags. Every bad
 * value is reported at once, naming the variable and what it accepts. The only reader of process.env.
 */
export const loadConfig = (env: Source = process.env, argv: readonly string[] = []): StarbaseConfig => {
  const problems: string[] = [];
  const flags = parseFlags(argv, problems);
  const values: Record<string, unknown> = {};
  for (const variable of VARIABLES) {
    const raw = flags[variable.env] ?? env[variable.env] ?? variable.fallback;
    if (raw === null || raw === '') {
      values[variable.key] = raw === '' && variable.fallback !== null ? variable.parse(variable.fallback) : null;
      continue;
    }
    const parsed = variable.parse(raw.trim());
    if (typeof parsed === 'object' && parsed !== null && 'invalid' in parsed) {
      problems.push(`${variable.env}=${JSON.stringify(raw)} is not valid: expected ${parsed.invalid}`);
    } else {
      values[variable.key] = parsed;
    }
  }
  if (values.storage === 'mongodb' && values.mongodbUrl === null) {
    problems.push('STARBASE_MONGODB_URL is required when STARBASE_STORAGE=mongodb');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  values.webRoot ??= defaultWebRoot();
  return values as unknown as StarbaseConfig;
};
