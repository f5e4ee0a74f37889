import { Account } from '../../../domain/home-server/account';
import { Captcha } from '../../../domain/home-server/captcha';
import { DropToken } from '../../../domain/home-server/drop-token';
import { Session } from '../../../domain/home-server/session';
import { UserBlob } from '../../../domain/home-server/user-blob';
import { MemoryInbox } from './memory-inbox';
import { MemoryStoreShelf } from './memory-store-shelf';

/**
 * Everything one memory storage holds, shared by its repositories so that multi-partition writes
 * (account deletion, credential change) touch all of it in one synchronous step, hence atomically.
 */
export class MemoryState {
  readonly accounts = new Map<string, Account>();
  readonly blobs = new Map<string, UserBlob>();
  /** Per owner, in ascending seq order. */
  readonly inboxes = new Map<string, MemoryInbox>();
  readonly dropTokens = new Map<string, DropToken>();
  readonly sessions = new Map<string, Session>();
  readonly captchas = new Map<string, Captcha>();
  readonly secrets = new Map<string, Uint8Array>();
  /** Per owner: the objects of its store and its dropped objects (PROTOCOL §8, §9.2). */
  readonly objects = new Map<string, MemoryStoreShelf>();
  private lastSeq = 0;
  private cleared = 0;

  /** The owner's shelf, made on first use. */
  shelfOf(owner: string): MemoryStoreShelf {
    let shelf = this.objects.get(owner);
    if (!shelf) {
      shelf = new MemoryStoreShelf();
      this.objects.set(owner, shelf);
    }
    return shelf;
  }

  nextSeq(): number {
    this.lastSeq += 1;
    return this.lastSeq;
  }

  /** The highest seq handed out so far, acknowledged items included (dump export). */
  lastIssuedSeq(): number {
    return this.lastSeq;
  }

  /** Empties every partition (a dump import over existing data); seqs go on from where they were. */
  clear(): void {
    for (const map of [this.accounts, this.blobs, this.inboxes, this.dropTokens, this.sessions, this.captchas, this.secrets, this.objects]) map.clear();
    this.cleared += 1;
  }

  /**
   * Part of every inbox listing version: an import can bring back an owner with the same seqs
   * and other contents, which the inbox's own count would not tell apart.
   */
  get timesCleared(): number {
    return this.cleared;
  }

  /** Never hand out `seq` or anything below it (dump import: clients may hold cursors). */
  skipSeqsThrough(seq: number): void {
    this.lastSeq = Math.max(this.lastSeq, seq);
  }
}

export const copyBytes = (bytes: Uint8Array): Uint8Array => new Uint8Array(bytes);

export const copyAccount = (account: Account): Account => ({ ...account, kdf: { ...account.kdf } });

export const copyBlob = (blob: UserBlob): UserBlob => ({ ...blob, ciphertext: copyBytes(blob.ciphertext) });
