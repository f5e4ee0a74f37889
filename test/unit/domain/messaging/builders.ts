import { Result } from '../../../../src/domain/protocol/result';
import { BlobDocument, createBlobDocument } from '../../../../src/domain/messaging/blob-document';
import { Acceptance, acceptIncomingRequest, ReceivedRequest, recordIncomingRequest } from '../../../../src/domain/messaging/incoming-requests';
import { addOutgoingRequest, completeOutgoingRequest, NewOutgoingRequest, ReceivedAcceptance } from '../../../../src/domain/messaging/outgoing-requests';
import { applyIncomingMessage, IncomingMessage } from '../../../../src/domain/messaging/messages';

export const T0 = 1_700_000_000_000;
export const DAY = 24 * 60 * 60 * 1000;
export const ALICE = 'alice@a.example';
export const BOB = 'bob@b.example:8443';
export const ALICE_IDENTITY = { publicKey: 'ik-alice', privateKey: 'ik-alice-private' };
export const BOB_IDENTITY = { publicKey: 'ik-bob', privateKey: 'ik-bob-private' };

export const unwrap = <T, E>(result: Result<T, E>): T => {
  if (!result.ok) throw new Error(`expected ok, got ${String(result.error)}`);
  return result.value;
};

export const errorOf = <T, E>(result: Result<T, E>): E => {
  if (result.ok) throw new Error('expected an error, got ok');
  return result.error;
};

export const aliceDoc = (): BlobDocument => createBlobDocument(ALICE_IDENTITY);
export const bobDoc = (): BlobDocument => createBlobDocument(BOB_IDENTITY);

/** Alice's request to Bob, as Alice writes it into her blob. */
export const outgoingRequest = (overrides: Partial<NewOutgoingRequest> = {}): NewOutgoingRequest => ({
  to: BOB,
  ourAddress: ALICE,
  identityKey: BOB_IDENTITY.publicKey,
  ephemeralPublicKey: 'E_A',
  ephemeralPrivateKey: 'e_A-private',
  dropTokenId: 'tA-id',
  dropToken: 'tA',
  note: 'hi Bob',
  now: T0,
  deviceId: 'alice-laptop',
  ...overrides,
});

/** The same request as Bob opens it. */
export const incomingRequest = (overrides: Partial<ReceivedRequest> = {}): ReceivedRequest => ({
  from: ALICE,
  ourAddress: BOB,
  identityKey: ALICE_IDENTITY.publicKey,
  ephemeralKey: 'E_A',
  dropToken: 'tA',
  note: 'hi Bob',
  sentAt: T0,
  proven: true,
  receivedAt: T0 + 1000,
  inboxItemId: 'item-1',
  now: T0 + 2000,
  deviceId: 'bob-phone',
  ...overrides,
});

export const acceptance = (overrides: Partial<Acceptance> = {}): Acceptance => ({
  from: ALICE,
  handshakeId: 'E_A',
  friendshipKey: 'K',
  ourDropTokenId: 'tB-id',
  ourDropToken: 'tB',
  acceptanceEnvelope: '{"v":1,"epk":"F_B"}',
  now: T0 + 3000,
  deviceId: 'bob-phone',
  ...overrides,
});

export const receivedAcceptance = (overrides: Partial<ReceivedAcceptance> = {}): ReceivedAcceptance => ({
  handshakeId: 'E_A',
  from: BOB,
  identityKey: BOB_IDENTITY.publicKey,
  friendshipKey: 'K',
  theirDropToken: 'tB',
  now: T0 + 4000,
  deviceId: 'alice-laptop',
  ...overrides,
});

export const incomingMessage = (overrides: Partial<IncomingMessage> = {}): IncomingMessage => ({
  from: ALICE,
  handshakeId: 'E_A',
  id: 'm-1',
  seq: 1,
  sentAt: T0 + 10_000,
  body: 'hello',
  receivedAt: T0 + 11_000,
  deviceId: 'bob-phone',
  ...overrides,
});

/** Bob has accepted Alice's request and waits for her first message under K. */
export const bobAwaitingAlice = (): BlobDocument => {
  const recorded = unwrap(recordIncomingRequest(bobDoc(), incomingRequest())).doc;
  return unwrap(acceptIncomingRequest(recorded, acceptance()));
};

/** Bob, friends with Alice after her first message. */
export const bobFriendsWithAlice = (): BlobDocument =>
  unwrap(applyIncomingMessage(bobAwaitingAlice(), incomingMessage())).doc;

/** Alice, friends with Bob after his acceptance. */
export const aliceFriendsWithBob = (): BlobDocument => {
  const pending = unwrap(addOutgoingRequest(aliceDoc(), outgoingRequest()));
  return unwrap(completeOutgoingRequest(pending, receivedAcceptance()));
};
