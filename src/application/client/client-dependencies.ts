import { Argon2idCost, ClientCrypto } from '../ports/client-crypto';
import { HomeServerGatewayFactory } from '../ports/home-server-gateway';
import { LocalStore } from '../ports/local-store';
import { ObjectCache } from '../ports/object-cache';
import { Clock } from '../ports/clock';
import { Timer } from '../ports/timer';
import { StreamingDigest } from '../ports/streaming-digest';
import { ProgressListener } from './messenger';
import { OpenUploadStores } from './files/pending-uploads';

/** What every client use case may use; built once by createMessenger. */
export interface ClientDependencies {
  readonly crypto: ClientCrypto;
  readonly gateways: HomeServerGatewayFactory;
  readonly localStore: LocalStore;
  readonly clock: Clock;
  /** Argon2id cost for new salts (registration, password change): PROTOCOL defaults unless a test lowers them. */
  readonly kdfCost: Argon2idCost;
  /** Waits before retrying a blob write that lost a race (randomized, so two devices stop colliding). */
  readonly timer: Timer;
  /** SHA-256 of whole files as they stream (§9.1); without it, sending and downloading files fail. */
  readonly streamingDigest?: StreamingDigest;
  /** This device's cache of one account's store objects (PROTOCOL §8.4); without one, objects are downloaded each time. */
  readonly objectCaches?: (address: string) => ObjectCache;
  /** How long a silent device store is waited on where the user waits too; DEVICE_STORAGE_DEADLINE_MS unless a test shortens it. */
  readonly storageDeadlineMs?: number;
  /** Where an account keeps pending uploads and their journal on this device; without it they live in memory only. */
  readonly uploadStores?: OpenUploadStores;
}

export const reportProgress = (listener: ProgressListener | undefined, ...args: Parameters<ProgressListener>): void => {
  listener?.(...args);
};
