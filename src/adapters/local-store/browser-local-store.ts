import { HeadMark } from '../../domain/messaging/fork-log';
import { KdfParams } from '../../domain/protocol/account-rules';
import { LocalStore } from '../../application/ports/local-store';

/** The part of the Web Storage API this adapter needs (window.localStorage fits). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const PREFIX = 'starbase.client.';
const DEVICE_ID_KEY = `${PREFIX}deviceId`;
const versionKey = (address: string): string => `${PREFIX}blobVersion.${address}`;
const kdfKey = (address: string): string => `${PREFIX}kdf.${address}`;
const headKey = (address: string): string => `${PREFIX}head.${address}`;

const isHeadMark = (value: unknown): value is HeadMark =>
  typeof value === 'object' &&
  value !== null &&
  Number.isSafeInteger((value as Record<string, unknown>).version) &&
  typeof (value as Record<string, unknown>).hash === 'string';

const isKdfParams = (value: unknown): value is KdfParams => {
  if (typeof value !== 'object' || value === null) return false;
  const kdf = value as Record<string, unknown>;
  return (
    kdf.algorithm === 'argon2id' &&
    typeof kdf.salt === 'string' &&
    Number.isSafeInteger(kdf.memoryKiB) &&
    Number.isSafeInteger(kdf.iterations) &&
    Number.isSafeInteger(kdf.parallelism)
  );
};

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return null;
    throw error;
  }
};

/**
 * A LocalStore over window.localStorage. Write failures (quota, storage disabled) propagate: a
 * rollback check that silently forgets what it has seen would protect nothing.
 */
export class BrowserLocalStore implements LocalStore {
  constructor(private readonly storage: KeyValueStorage) {}

  async loadDeviceId(): Promise<string | null> {
    return this.storage.getItem(DEVICE_ID_KEY);
  }

  async saveDeviceId(deviceId: string): Promise<void> {
    this.storage.setItem(DEVICE_ID_KEY, deviceId);
  }

  async highestBlobVersion(address: string): Promise<number> {
    const stored = Number(this.storage.getItem(versionKey(address)) ?? '0');
    return Number.isSafeInteger(stored) && stored > 0 ? stored : 0;
  }

  async recordBlobVersion(address: string, version: number): Promise<void> {
    if (version > (await this.highestBlobVersion(address))) this.storage.setItem(versionKey(address), String(version));
  }

  async rememberedHead(address: string): Promise<HeadMark | null> {
    const stored = this.storage.getItem(headKey(address));
    const parsed = stored === null ? null : parseJson(stored);
    return isHeadMark(parsed) ? { version: parsed.version, hash: parsed.hash } : null;
  }

  async rememberHead(address: string, mark: HeadMark): Promise<void> {
    const previous = await this.rememberedHead(address);
    if (previous === null || mark.version >= previous.version) this.storage.setItem(headKey(address), JSON.stringify({ version: mark.version, hash: mark.hash }));
  }

  async rememberedKdf(address: string): Promise<KdfParams | null> {
    const stored = this.storage.getItem(kdfKey(address));
    const parsed = stored === null ? null : parseJson(stored);
    if (!isKdfParams(parsed)) return null;
    const { algorithm, salt, memoryKiB, iterations, parallelism } = parsed;
    return { algorithm, salt, memoryKiB, iterations, parallelism };
  }

  async rememberKdf(address: string, kdf: KdfParams): Promise<void> {
    this.storage.setItem(kdfKey(address), JSON.stringify(kdf));
  }

  async forgetAccount(address: string): Promise<void> {
    this.storage.removeItem(versionKey(address));
    this.storage.removeItem(kdfKey(address));
    this.storage.removeItem(headKey(address));
  }
}
