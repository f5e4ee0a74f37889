import { DropToken } from '../../domain/home-server/drop-token';

export interface DropTokenRepository {
  /** Stores nothing when the owner no longer exists (deleted since the caller checked). */
  create(token: DropToken): Promise<void>;
  list(owner: string): Promise<DropToken[]>;
  /** Looks a token up by the SHA-256 of its secret, only within `owner`'s tokens. */
  findByHash(owner: string, hash: string): Promise<DropToken | null>;
  /** Atomically increments `uses` and sets `lastUsedAt`. */
  recordUse(id: string, at: number): Promise<void>;
  /** False if there was no such token of this owner. */
  revoke(owner: string, id: string): Promise<boolean>;
}
