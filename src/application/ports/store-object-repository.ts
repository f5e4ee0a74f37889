import { Result } from '../../domain/protocol/result';
import { StoreObject, StoreObjectInfo, StoreObjectState, StoreUsage } from '../../domain/home-server/store/store-object';

export interface NewStoreObject {
  readonly owner: string;
  readonly id: string;
  readonly data: Uint8Array;
  readonly createdAt: number;
}

export interface StoreObjectPage {
  readonly items: StoreObjectInfo[];
  /** The id of the last item returned when more may follow, else null. */
  readonly nextAfterId: string | null;
}

export interface StoreObjectQuery {
  /** Only this state; null: staged and committed. */
  readonly state: Exclude<StoreObjectState, 'dropped'> | null;
  /** Ids greater than this (ascending id order); '' for the first page. */
  readonly afterId: string;
  readonly limit: number;
}

export type PutObjectError = 'object/exists' | 'store/full' | 'account/not-found';

/**
 * The objects of every account's store (PROTOCOL §8.1). Staging checks the quota atomically with
 * the insert, so parallel uploads never pass `storeBytes`; commits go through
 * `UserBlobRepository.save`, in the same transaction as the head's compare-and-set.
 * Object bytes never change: an adapter may hand the array it holds to every `get` (the memory
 * adapter does, to spare a 1 MiB copy), so no caller ever writes into it.
 */
export interface StoreObjectRepository {
  /**
   * Stages `data` under `id`. `created: false` when the account already holds exactly these bytes
   * under `id` (a retry); `object/exists` for other bytes (or a dropped object) under it;
   * `store/full` when head + objects + `data` would pass `storeBytes`. `data` is valid only until
   * the returned promise settles (the HTTP layer lends a pooled buffer): an adapter copies what it keeps.
   */
  put(object: NewStoreObject, storeBytes: number): Promise<Result<{ created: boolean; info: StoreObjectInfo }, PutObjectError>>;
  /** A staged or committed object of `owner`; null for anything else (dropped, another owner's, none). */
  get(owner: string, id: string): Promise<StoreObject | null>;
  /**
   * Lends what `get` would answer to `use` and answers what `use` answers. The bytes are lent only
   * until the promise `use` returns settles: an adapter may then read another object into the same
   * memory, so `use` awaits whatever still holds them (a response being sent) and copies what it keeps.
   */
  read<T>(owner: string, id: string, use: (object: StoreObject | null) => Promise<T>): Promise<T>;
  /** What `get` would answer, without reading the bytes. */
  info(owner: string, id: string): Promise<StoreObjectInfo | null>;
  /** Deletes a staged object; `object/committed` leaves a committed one alone. */
  deleteStaged(owner: string, id: string): Promise<Result<void, 'object/not-found' | 'object/committed'>>;
  list(owner: string, query: StoreObjectQuery): Promise<StoreObjectPage>;
  /** Staged + committed objects and their bytes, from running totals (O(1)). */
  usage(owner: string): Promise<StoreUsage>;
  /** Deletes staged objects created before `createdBefore`, atomically per object with any commit; returns how many. */
  purgeStaged(createdBefore: number): Promise<number>;
}
