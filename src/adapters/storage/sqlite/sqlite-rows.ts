import { Invite } from '../../../application/ports/invite-repository';
import { Account } from '../../../domain/home-server/account';
import { InboxItem, InboxItemKind, StoredInboxItem } from '../../../domain/home-server/inbox-item';
import { DropToken } from '../../../domain/home-server/drop-token';
import { StoreObject, StoreObjectInfo, StoreObjectState } from '../../../domain/home-server/store/store-object';
import { UserBlob } from '../../../domain/home-server/user-blob';
import { bytesFromBlob } from './sqlite-bytes';

/** Rows as SQLite returns them, and their mapping to domain values: one place for every repository and the dump. */

export interface InviteRow {
  id: string;
  code_hash: string;
  created_at: number;
  expires_at: number | null;
  redeemed_at: number | null;
}

export interface AccountRow {
  name: string;
  created_at: number;
  last_seen_at: number | null;
  auth_hash: string;
  kdf_algorithm: string;
  kdf_salt: string;
  kdf_memory_kib: number;
  kdf_iterations: number;
  kdf_parallelism: number;
  identity_key: string;
  open_inbox: number;
  disabled: number;
}

export interface BlobRow {
  name: string;
  version: number;
  ciphertext: Buffer;
  updated_at: number;
}

export interface DropTokenRow {
  id: string;
  owner: string;
  hash: string;
  created_at: number;
  last_used_at: number | null;
  uses: number;
}

export interface InboxRow {
  seq: number;
  id: string;
  owner: string;
  kind: InboxItemKind;
  token_id: string | null;
  received_at: number;
  envelope: string;
}

export const toInvite = (row: InviteRow): Invite => ({
  id: row.id,
  codeHash: row.code_hash,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  redeemedAt: row.redeemed_at,
});

/** In the column order id, code_hash, created_at, expires_at, redeemed_at. */
export const inviteValues = (invite: Invite): unknown[] => [invite.id, invite.codeHash, invite.createdAt, invite.expiresAt, invite.redeemedAt];

export const toAccount = (row: AccountRow): Account => ({
  name: row.name,
  createdAt: row.created_at,
  lastSeenAt: row.last_seen_at,
  authHash: row.auth_hash,
  kdf: {
    algorithm: row.kdf_algorithm as Account['kdf']['algorithm'],
    salt: row.kdf_salt,
    memoryKiB: row.kdf_memory_kib,
    iterations: row.kdf_iterations,
    parallelism: row.kdf_parallelism,
  },
  identityKey: row.identity_key,
  openInbox: row.open_inbox === 1,
  disabled: row.disabled === 1,
});

/** In the column order of the accounts table. */
export const accountValues = (account: Account): unknown[] => {
  const { kdf } = account;
  return [
    account.name,
    account.createdAt,
    account.lastSeenAt,
    account.authHash,
    kdf.algorithm,
    kdf.salt,
    kdf.memoryKiB,
    kdf.iterations,
    kdf.parallelism,
    account.identityKey,
    account.openInbox ? 1 : 0,
    account.disabled ? 1 : 0,
  ];
};

export const toUserBlob = (row: BlobRow): UserBlob => ({
  name: row.name,
  version: row.version,
  ciphertext: bytesFromBlob(row.ciphertext),
  updatedAt: row.updated_at,
});

export const toDropToken = (row: DropTokenRow): DropToken => ({
  id: row.id,
  owner: row.owner,
  hash: row.hash,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  uses: row.uses,
});

export const toStoredInboxItem = (row: InboxRow): StoredInboxItem => ({
  seq: row.seq,
  id: row.id,
  owner: row.owner,
  kind: row.kind,
  tokenId: row.token_id,
  receivedAt: row.received_at,
  envelope: row.envelope,
});

/** In the column order id, owner, kind, token_id, received_at, envelope, envelope_bytes. */
export const inboxItemValues = (item: InboxItem, envelopeBytes: number): unknown[] => [
  item.id,
  item.owner,
  item.kind,
  item.tokenId,
  item.receivedAt,
  item.envelope,
  envelopeBytes,
];

export interface StoreObjectInfoRow {
  owner: string;
  id: string;
  state: StoreObjectState;
  bytes: number;
  created_at: number;
  token_id: string | null;
}

export interface StoreObjectRow extends StoreObjectInfoRow {
  data: Buffer;
}

/** A row as read for its bytes: those are in `file` when it is set, else in `data`. */
export interface StoreObjectFileRow extends StoreObjectRow {
  file: string | null;
}

export const toStoreObjectInfo = (row: StoreObjectInfoRow): StoreObjectInfo => ({
  owner: row.owner,
  id: row.id,
  state: row.state,
  bytes: row.bytes,
  createdAt: row.created_at,
  tokenId: row.token_id,
});

/** better-sqlite3 hands out a fresh Buffer per read: it is already the caller's own copy. */
export const toStoreObject = (row: StoreObjectRow): StoreObject => ({ ...toStoreObjectInfo(row), data: row.data });
