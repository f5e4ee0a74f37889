import { Binary } from 'mongodb';
import { Invite } from '../../../application/ports/invite-repository';
import { Account } from '../../../domain/home-server/account';
import { Captcha } from '../../../domain/home-server/captcha';
import { StoredInboxItem } from '../../../domain/home-server/inbox-item';
import { DropToken } from '../../../domain/home-server/drop-token';
import { Session } from '../../../domain/home-server/session';
import { UserBlob } from '../../../domain/home-server/user-blob';
import {
  AccountDocument,
  BLOB_CHUNK_BYTES,
  BlobChunkDocument,
  BlobDocument,
  CaptchaDocument,
  DropTokenDocument,
  InboxItemDocument,
  InviteDocument,
  SessionDocument,
} from './schema';

/** Domain records ↔ MongoDB documents. Every mapper copies, so callers never share buffers with the driver. */

export const bytesToBinary = (bytes: Uint8Array): Binary => new Binary(new Uint8Array(bytes));

export const binaryToBytes = (binary: Binary): Uint8Array => new Uint8Array(binary.value());

export const toAccountDocument = (account: Account): AccountDocument => ({
  _id: account.name,
  createdAt: account.createdAt,
  lastSeenAt: account.lastSeenAt,
  authHash: account.authHash,
  kdf: { ...account.kdf },
  identityKey: account.identityKey,
  openInbox: account.openInbox,
  disabled: account.disabled,
});

export const fromAccountDocument = (document: AccountDocument): Account => ({
  name: document._id,
  createdAt: document.createdAt,
  lastSeenAt: document.lastSeenAt ?? null,
  authHash: document.authHash,
  kdf: {
    algorithm: document.kdf.algorithm,
    salt: document.kdf.salt,
    memoryKiB: document.kdf.memoryKiB,
    iterations: document.kdf.iterations,
    parallelism: document.kdf.parallelism,
  },
  identityKey: document.identityKey,
  openInbox: document.openInbox,
  disabled: document.disabled,
});

/** Cuts ciphertext into BLOB_CHUNK_BYTES pieces; an empty ciphertext has no chunk at all. */
export const splitIntoChunks = (ciphertext: Uint8Array, chunkBytes: number = BLOB_CHUNK_BYTES): Uint8Array[] => {
  if (!Number.isInteger(chunkBytes) || chunkBytes < 1) throw new Error(`chunk size must be a positive integer, got ${chunkBytes}`);
  const chunks: Uint8Array[] = [];
  for (let start = 0; start < ciphertext.length; start += chunkBytes) {
    chunks.push(ciphertext.subarray(start, Math.min(start + chunkBytes, ciphertext.length)));
  }
  return chunks;
};

export interface BlobDocuments {
  readonly head: BlobDocument;
  readonly chunks: BlobChunkDocument[];
}

export const toBlobDocuments = (blob: UserBlob, chunkBytes: number = BLOB_CHUNK_BYTES): BlobDocuments => {
  const pieces = splitIntoChunks(blob.ciphertext, chunkBytes);
  return {
    head: {
      _id: blob.name,
      version: blob.version,
      updatedAt: blob.updatedAt,
      byteLength: blob.ciphertext.length,
      chunkCount: pieces.length,
    },
    chunks: pieces.map((piece, index) => ({ name: blob.name, index, data: bytesToBinary(piece) })),
  };
};

/**
 * Joins the chunks back into one ciphertext. A head whose chunks do not add up is corruption
 * (or a write that bypassed the transactions), never an expected state: it throws.
 */
export const fromBlobDocuments = (head: BlobDocument, chunks: readonly BlobChunkDocument[]): UserBlob => {
  const ordered = [...chunks].sort((a, b) => a.index - b.index);
  const inPlace = ordered.every((chunk, position) => chunk.index === position && chunk.name === head._id);
  const byteLength = ordered.reduce((sum, chunk) => sum + chunk.data.length(), 0);
  if (!inPlace || ordered.length !== head.chunkCount || byteLength !== head.byteLength) {
    throw new Error(
      `blob of ${head._id} is inconsistent: head says ${head.chunkCount} chunks / ${head.byteLength} bytes, ` +
        `found ${ordered.length} chunks / ${byteLength} bytes`,
    );
  }
  const ciphertext = new Uint8Array(byteLength);
  let offset = 0;
  for (const chunk of ordered) {
    const piece = chunk.data.value();
    ciphertext.set(piece, offset);
    offset += piece.length;
  }
  return { name: head._id, version: head.version, ciphertext, updatedAt: head.updatedAt };
};

export const toInboxItemDocument = (item: StoredInboxItem, bytes: number): InboxItemDocument => ({
  id: item.id,
  owner: item.owner,
  seq: item.seq,
  kind: item.kind,
  tokenId: item.tokenId,
  receivedAt: item.receivedAt,
  envelope: item.envelope,
  bytes,
});

export const fromInboxItemDocument = (document: InboxItemDocument): StoredInboxItem => ({
  id: document.id,
  owner: document.owner,
  kind: document.kind,
  tokenId: document.tokenId ?? null,
  receivedAt: document.receivedAt,
  envelope: document.envelope,
  seq: document.seq,
});

export const toDropTokenDocument = (token: DropToken): DropTokenDocument => ({
  _id: token.id,
  owner: token.owner,
  hash: token.hash,
  createdAt: token.createdAt,
  lastUsedAt: token.lastUsedAt,
  uses: token.uses,
});

export const fromDropTokenDocument = (document: DropTokenDocument): DropToken => ({
  id: document._id,
  owner: document.owner,
  hash: document.hash,
  createdAt: document.createdAt,
  lastUsedAt: document.lastUsedAt ?? null,
  uses: document.uses,
});

export const toSessionDocument = (session: Session): SessionDocument => ({
  _id: session.jti,
  name: session.name,
  createdAt: session.createdAt,
  expiresAt: new Date(session.expiresAt),
});

export const fromSessionDocument = (document: SessionDocument): Session => ({
  jti: document._id,
  name: document.name,
  createdAt: document.createdAt,
  expiresAt: document.expiresAt.getTime(),
});

export const toCaptchaDocument = (captcha: Captcha): CaptchaDocument => ({
  _id: captcha.id,
  name: captcha.name,
  kind: captcha.kind,
  answer: captcha.answer,
  expiresAt: new Date(captcha.expiresAt),
  attemptsLeft: captcha.attemptsLeft,
});

export const fromCaptchaDocument = (document: CaptchaDocument): Captcha => ({
  id: document._id,
  name: document.name,
  kind: document.kind,
  answer: document.answer,
  expiresAt: document.expiresAt.getTime(),
  attemptsLeft: document.attemptsLeft,
});

export const toInviteDocument = (invite: Invite): InviteDocument => ({
  _id: invite.id,
  codeHash: invite.codeHash,
  createdAt: invite.createdAt,
  expiresAt: invite.expiresAt,
  redeemedAt: invite.redeemedAt,
});

export const fromInviteDocument = (document: InviteDocument): Invite => ({
  id: document._id,
  codeHash: document.codeHash,
  createdAt: document.createdAt,
  expiresAt: document.expiresAt ?? null,
  redeemedAt: document.redeemedAt ?? null,
});
