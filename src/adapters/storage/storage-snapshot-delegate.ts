import { AccountRepository } from '../../application/ports/account-repository';
import { CaptchaStore } from '../../application/ports/captcha-store';
import { DropTokenRepository } from '../../application/ports/drop-token-repository';
import { InboxRepository } from '../../application/ports/inbox-repository';
import { InviteRepository } from '../../application/ports/invite-repository';
import { SessionRepository } from '../../application/ports/session-repository';
import { StoreObjectRepository } from '../../application/ports/store-object-repository';
import { Storage } from '../../application/ports/server-storage';
import {
  ImportOptions,
  SnapshotCounts,
  SnapshotRecord,
  StorageSnapshot,
  TargetNotEmpty,
} from '../../application/ports/storage-snapshot';
import { SecretStore } from '../../application/ports/system-ports';
import { UserBlobRepository } from '../../application/ports/user-blob-repository';
import { Result } from '../../domain/protocol/result';

export type StoragePorts = Omit<Storage, 'ping' | 'close'>;

/**
 * The storage ports of one backend and its snapshot, so the SQLite and MongoDB adapters need not
 * repeat them; each adds its own ping, close and operator tools.
 */
export abstract class StorageWithSnapshot implements Storage, StorageSnapshot {
  readonly accounts: AccountRepository;
  readonly blobs: UserBlobRepository;
  readonly inbox: InboxRepository;
  readonly objects: StoreObjectRepository;
  readonly dropTokens: DropTokenRepository;
  readonly sessions: SessionRepository;
  readonly captchas: CaptchaStore;
  readonly secrets: SecretStore;
  readonly invites: InviteRepository;

  protected constructor(
    ports: StoragePorts,
    private readonly snapshot: StorageSnapshot,
  ) {
    this.accounts = ports.accounts;
    this.blobs = ports.blobs;
    this.inbox = ports.inbox;
    this.objects = ports.objects;
    this.dropTokens = ports.dropTokens;
    this.sessions = ports.sessions;
    this.captchas = ports.captchas;
    this.secrets = ports.secrets;
    this.invites = ports.invites;
  }

  /** Migration between adapters (see StorageSnapshot); only while no server uses the backend. */
  exportAll(): AsyncIterable<SnapshotRecord> {
    return this.snapshot.exportAll();
  }

  importAll(records: AsyncIterable<SnapshotRecord>, options?: ImportOptions): Promise<Result<SnapshotCounts, TargetNotEmpty>> {
    return this.snapshot.importAll(records, options);
  }

  counts(): Promise<SnapshotCounts> {
    return this.snapshot.counts();
  }

  abstract ping(): Promise<boolean>;

  abstract close(): Promise<void>;
}
