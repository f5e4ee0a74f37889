import { encodeB64u } from '../../../domain/protocol/encoding/b64u';
import { BlobDocument } from '../../../domain/messaging/blob-document';
import { applyRemoteRemoval, establishFriendship } from '../../../domain/messaging/friends';
import { Friend, FriendLink, hasKeys, receivingLinks } from '../../../domain/messaging/friendship';
import { recordIncomingRequest } from '../../../domain/messaging/incoming-requests';
import { isInboxItemProcessed, recordProcessedInboxItems } from '../../../domain/messaging/inbox-items';
import { applyIncomingMessage, recordRefusedSeq } from '../../../domain/messaging/messages';
import { completeOutgoingRequest, findPendingOutgoing } from '../../../domain/messaging/outgoing-requests';
import { ClientDependencies } from '../client-dependencies';
import { identityKeyPair, keyBytes } from '../protocol/key-material';
import { OpenedItem } from './open-inbox-items';
import { FriendPayload, parseFriendPayload } from './peer-payloads';
import { deriveFriendshipKey, verifyFriendshipConfirmation } from '../protocol/friendship-key';
import { decryptMessage } from '../protocol/message-cipher';
import { namedChunkIds } from './claim-file-chunks';

export interface InboxBatchContext {
  readonly ourAddress: string;
  readonly deviceId: string;
  readonly now: number;
}

export interface AppliedBatch {
  readonly doc: BlobDocument;
  /** Every item of the batch: applied, already applied, or discarded. */
  readonly itemIds: readonly string[];
  /** Chunk ids named by friends' messages refused after decrypting: the ack may delete them (§9.2). */
  readonly refusedChunkIds: readonly string[];
}

type Ports = Pick<ClientDependencies, 'crypto'>;

/**
 * Applies a batch of opened inbox items to one document (PROTOCOL §6 step 2). Runs again on a
 * fresh document after a 412, so it reads every key it needs from the document it is given.
 * Items that authenticate under nothing are dropped from the document but still acknowledged.
 */
export const applyInboxItems = async (
  ports: Ports,
  start: BlobDocument,
  items: readonly OpenedItem[],
  context: InboxBatchContext,
): Promise<AppliedBatch> => {
  let doc = start;
  const refusedChunkIds: string[] = [];
  for (const opened of items) {
    if (isInboxItemProcessed(doc, opened.item.id)) continue;
    switch (opened.kind) {
      case 'request':
        doc = applyRequest(doc, opened, context);
        break;
      case 'acceptance':
        doc = await applyAcceptance(ports, doc, opened, context);
        break;
      case 'message': {
        const applied = await applyFriendEnvelope(ports, doc, opened, context);
        doc = applied.doc;
        refusedChunkIds.push(...(applied.refusedChunkIds ?? []));
        break;
      }
      case 'discard':
        break;
    }
  }
  const itemIds = items.map((opened) => opened.item.id);
  return { doc: recordProcessedInboxItems(doc, itemIds, context.now), itemIds, refusedChunkIds };
};

/**
 * A request is recorded unchecked: its claimed sender is looked up later, off the sync
 * (CheckRequestSenders), so a stranger's slow server cannot hold up the inbox.
 */
const applyRequest = (doc: BlobDocument, opened: Extract<OpenedItem, { kind: 'request' }>, context: InboxBatchContext): BlobDocument => {
  const { payload, item } = opened;
  const recorded = recordIncomingRequest(doc, {
    from: opened.from,
    ourAddress: context.ourAddress,
    identityKey: payload.identityKey,
    ephemeralKey: payload.ephemeralKey,
    dropToken: payload.dropToken,
    note: payload.note,
    sentAt: payload.sentAt,
    receivedAt: item.receivedAt,
    inboxItemId: item.id,
    proven: opened.proven,
    now: context.now,
    deviceId: context.deviceId,
  });
  return recorded.ok ? recorded.value.doc : doc;
};

/** PROTOCOL §4.1 step 6: every check passes, or the acceptance is discarded. */
const applyAcceptance = async (
  ports: Ports,
  doc: BlobDocument,
  opened: Extract<OpenedItem, { kind: 'acceptance' }>,
  context: InboxBatchContext,
): Promise<BlobDocument> => {
  const { payload, item } = opened;
  const pending = findPendingOutgoing(doc, payload.inReplyTo);
  if (!pending || item.tokenId !== pending.request.dropTokenId) return doc;
  if (payload.identityKey !== pending.link.identityKey) return doc;
  const peerIdentityKey = keyBytes(pending.link.identityKey);
  const peerEphemeralKey = keyBytes(payload.ephemeralKey);
  const ephemeral = { privateKey: keyBytes(pending.request.ephemeralPrivateKey), publicKey: keyBytes(pending.request.ephemeralPublicKey) };
  const friendshipKey = await deriveFriendshipKey(ports.crypto, {
    role: 'requester',
    identity: identityKeyPair(doc),
    ephemeral,
    peerIdentityKey,
    peerEphemeralKey,
  });
  if (!friendshipKey.ok) return doc;
  const confirmed = await verifyFriendshipConfirmation(ports.crypto, friendshipKey.value, ephemeral.publicKey, peerEphemeralKey, payload.confirm);
  if (!confirmed) return doc;
  const completed = completeOutgoingRequest(doc, {
    handshakeId: payload.inReplyTo,
    from: payload.from,
    identityKey: payload.identityKey,
    friendshipKey: encodeB64u(friendshipKey.value),
    theirDropToken: payload.dropToken,
    now: context.now,
    deviceId: context.deviceId,
  });
  return completed.ok ? completed.value : doc;
};

interface Authenticated {
  readonly friend: Friend;
  readonly link: FriendLink;
  /** Null when the plaintext fails the parse. */
  readonly payload: FriendPayload | null;
  readonly plaintext: string;
}

/** PROTOCOL §4.2: the token id only hints which link to try first; the key decides the sender. */
const candidateLinks = (doc: BlobDocument, tokenId: string | null): { friend: Friend; link: FriendLink }[] => {
  const all = Object.values(doc.friends).flatMap((friend) => receivingLinks(friend).map((link) => ({ friend, link })));
  const hinted = (link: FriendLink): boolean => hasKeys(link) && link.state.keys.ourDropTokenId === tokenId;
  return [...all.filter(({ link }) => hinted(link)), ...all.filter(({ link }) => !hinted(link))];
};

const authenticate = async (
  ports: Ports,
  doc: BlobDocument,
  opened: Extract<OpenedItem, { kind: 'message' }>,
  context: InboxBatchContext,
): Promise<Authenticated | null> => {
  for (const { friend, link } of candidateLinks(doc, opened.item.tokenId)) {
    if (!hasKeys(link)) continue;
    const plaintext = await decryptMessage(ports.crypto, {
      friendshipKey: keyBytes(link.state.keys.friendshipKey),
      from: friend.address,
      to: link.ourAddress,
      envelope: opened.envelope,
    });
    if (!plaintext.ok) continue;
    const payload = parseFriendPayload(plaintext.value, { now: context.now, receivedAt: opened.item.receivedAt });
    return { friend, link, payload, plaintext: plaintext.value };
  }
  return null;
};

const applyFriendEnvelope = async (
  ports: Ports,
  doc: BlobDocument,
  opened: Extract<OpenedItem, { kind: 'message' }>,
  context: InboxBatchContext,
): Promise<{ doc: BlobDocument; refusedChunkIds?: readonly string[] }> => {
  const unchanged = { doc };
  const authenticated = await authenticate(ports, doc, opened, context);
  if (authenticated === null) return unchanged;
  const { friend, link, payload, plaintext } = authenticated;
  const refused = { doc, refusedChunkIds: namedChunkIds(plaintext) };
  if (payload === null) return refused;
  const target = { address: friend.address, handshakeId: link.handshakeId, now: context.now, deviceId: context.deviceId };
  switch (payload.type) {
    case 'message': {
      const applied = applyIncomingMessage(doc, {
        from: friend.address,
        handshakeId: link.handshakeId,
        id: payload.id,
        seq: payload.seq,
        sentAt: payload.sentAt,
        body: payload.body,
        ...(payload.kind === undefined ? {} : { kind: payload.kind }),
        receivedAt: opened.item.receivedAt,
        deviceId: context.deviceId,
      });
      if (applied.ok) return { doc: applied.value.doc };
      // A replay is a resend of a message already here, whose chunks are its own.
      return applied.error === 'message/seq-replayed' ? unchanged : refused;
    }
    case 'friend-confirm': {
      const established = establishFriendship(doc, target);
      return established.ok ? { doc: established.value } : unchanged;
    }
    case 'friend-remove': {
      // Our token for them is listed in the document to revoke after the write.
      const removed = applyRemoteRemoval(doc, target);
      return removed.ok ? { doc: removed.value.doc } : unchanged;
    }
    case 'refused':
      return { ...refused, doc: recordRefusedSeq(doc, { from: friend.address, handshakeId: link.handshakeId, seq: payload.seq }) };
    case 'other':
      return unchanged;
  }
};
