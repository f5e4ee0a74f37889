import { HeadMark } from '../../domain/messaging/fork-log';
import { KdfParams } from '../../domain/protocol/account-rules';

/*
 * What one device must remember outside the blob (PROTOCOL §4): the blob cannot protect against
 * a server that hands out an old blob or weaker KDF parameters, because the checks have to happen
 * before (or independently of) decrypting it. Keys are canonical addresses.
 */
export interface LocalStore {
  /** This device's id (stamps its blob writes), or null before the first one was saved. */
  loadDeviceId(): Promise<string | null>;
  saveDeviceId(deviceId: string): Promise<void>;

  /** The highest blob version this device has read or written for the account; 0 if none. */
  highestBlobVersion(address: string): Promise<number>;
  /** Keeps the maximum: a lower version never replaces a higher one. */
  recordBlobVersion(address: string, version: number): Promise<void>;

  /** The head this device last read or wrote for the account (PROTOCOL §8.3 fork log), or null. */
  rememberedHead(address: string): Promise<HeadMark | null>;
  /** Keeps the head of the higher version: an older mark never replaces a newer one. */
  rememberHead(address: string, mark: HeadMark): Promise<void>;

  /** The KDF salt and parameters last used to log in at the address, or null. */
  rememberedKdf(address: string): Promise<KdfParams | null>;
  rememberKdf(address: string, kdf: KdfParams): Promise<void>;

  /** After the account was deleted: nothing about it stays on the device. */
  forgetAccount(address: string): Promise<void>;
}
