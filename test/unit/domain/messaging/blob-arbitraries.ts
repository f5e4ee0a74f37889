import fc from 'fast-check';
import { BLOB_FORMAT, BlobDocument } from '../../../../src/domain/messaging/blob-document';
import { Friend, FriendLink, FriendshipKeys, LinkState, ourDropTokenIdOf } from '../../../../src/domain/messaging/friendship';
import { Lww } from '../../../../src/domain/messaging/lww';
import { messageKey, MessageRecord } from '../../../../src/domain/messaging/message';
import { RecordKind } from '../../../../src/domain/messaging/record-kind';
import { seqRangesFrom } from '../../../../src/domain/messaging/seq-ranges';
import { Stamp } from '../../../../src/domain/messaging/stamp';
import { ALICE_IDENTITY } from './builders';

/**
 * Blob documents drawn from small pools of ids, times and devices, so that two generated
 * documents share keys and tie on stamps often: the cases merges get wrong.
 */
const ADDRESSES = ['bob@b.example', 'carol@c.example:8443', 'dave@[::1]:8080'] as const;
const HANDSHAKES = ['h1', 'h2', 'h3'] as const;
const DEVICES = ['laptop', 'phone'] as const;
const IDS = ['m1', 'm2', 'm3', 'm4'] as const;

const time = fc.integer({ min: 0, max: 6 });
const small = <T extends string>(values: readonly T[]) => fc.constantFrom(...values);
const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });

const stamp: fc.Arbitrary<Stamp> = fc.record({ at: time, device: small(DEVICES) });
const lwwOf = <T>(value: fc.Arbitrary<T>): fc.Arbitrary<Lww<T>> => fc.record({ value, stamp });

const keys: fc.Arbitrary<FriendshipKeys> = fc.record({
  friendshipKey: small(['K1', 'K2']),
  ourDropTokenId: small(['t1', 't2']),
  ourDropToken: small(['s1', 's2']),
  theirDropToken: small(['u1', 'u2']),
  activatedAt: time,
});

const linkState: fc.Arbitrary<LinkState> = fc.oneof(
  fc.record({
    kind: fc.constant('pending-outgoing' as const),
    since: stamp,
    request: fc.record({
      ephemeralPrivateKey: small(['e1', 'e2']),
      ephemeralPublicKey: small(['E1', 'E2']),
      dropTokenId: small(['t1', 't2']),
      dropToken: small(['s1', 's2']),
      note: small(['', 'hi']),
      sentAt: time,
      expiresAt: time,
    }),
  }),
  fc.record({
    kind: fc.constant('pending-incoming' as const),
    since: stamp,
    request: fc.record({
      ephemeralKey: small(['E1', 'E2']),
      dropToken: small(['u1', 'u2']),
      note: small(['', 'hello']),
      sentAt: time,
      receivedAt: time,
      inboxItemId: small(['i1', 'i2']),
    }),
  }),
  fc.record({ kind: fc.constant('awaiting-confirmation' as const), since: stamp, keys, acceptanceEnvelope: small(['env1', 'env2']) }),
  fc.record({ kind: fc.constant('established' as const), since: stamp, keys }),
  fc.record({ kind: fc.constant('removed' as const), since: stamp, reason: small(['removed', 'declined', 'expired', 'cancelled'] as const) }),
);

const link = (handshakeId: string): fc.Arbitrary<FriendLink> =>
  fc.record({
    handshakeId: fc.constant(handshakeId),
    initiator: small(['us', 'them'] as const),
    ourAddress: small(['alice@a.example', 'alice@alias.example']),
    identityKey: small(['ik1', 'ik2']),
    startedAt: time,
    state: linkState,
    verification: small(['unchecked', 'verified', 'mismatch'] as const),
    nextSendSeq: fc.integer({ min: 1, max: 6 }),
    receivedSeqs: fc.array(fc.integer({ min: 1, max: 8 }), { maxLength: 5 }).map(seqRangesFrom),
    readUpTo: fc.integer({ min: 0, max: 8 }),
    replyDeliveredAt: nullable(time),
  });

/** A record keyed by a subset of `pool`, each value generated for its key. */
const keyedBy = <T>(pool: readonly string[], valueFor: (key: string) => fc.Arbitrary<T>): fc.Arbitrary<Record<string, T>> =>
  fc
    .subarray([...pool])
    .chain((chosen) => fc.tuple(...chosen.map((key) => valueFor(key).map((value) => [key, value] as const))))
    .map((entries) => Object.fromEntries(entries));

/**
 * No write lists a token still to revoke while a link holds it (that would end a live friendship),
 * and the merge drops such an entry, so a drawn friend has none either.
 */
const withoutLiveTokensPending = (friend: Friend): Friend => {
  if (friend.dropTokenRevocations === undefined) return friend;
  const live = new Set(Object.values(friend.links).map(ourDropTokenIdOf));
  const kept = Object.entries(friend.dropTokenRevocations).filter(([tokenId, revokedAt]) => revokedAt !== null || !live.has(tokenId));
  return { ...friend, dropTokenRevocations: Object.fromEntries(kept) };
};

// Our tokens come from the same small pool as the links' (t1, t2), so a lost token often meets a listed or a winning one.
const friend = (address: string): fc.Arbitrary<Friend> =>
  fc
    .record(
      {
        address: fc.constant(address),
        links: keyedBy(HANDSHAKES, link),
        blocked: lwwOf(fc.boolean()),
        identityAlerts: keyedBy(['ik1', 'ik2', 'ik3'], () => time),
        chatDeletions: keyedBy(HANDSHAKES, () => time),
        dropTokenRevocations: keyedBy(['t1', 't2', 't3'], () => nullable(time)),
      },
      { requiredKeys: ['address', 'links', 'blocked', 'identityAlerts'] },
    )
    .map(withoutLiveTokensPending);

/** §11 kinds naming the same small pool of ids, so targets, edits and deletes meet often. */
export const recordKind: fc.Arbitrary<RecordKind> = fc.oneof(
  fc.record({ type: fc.constant('message' as const), replyTo: small(IDS), expiresIn: fc.constantFrom(300, 3600) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('edit' as const), target: small(IDS) }),
  fc.record({ type: fc.constant('delete' as const), target: small(IDS) }),
  fc.record({ type: fc.constant('reaction' as const), target: small(IDS), emoji: small(['👍', '🎉', '']) }),
  fc.record({ type: fc.constant('receipt' as const), read: fc.subarray([...IDS]) }),
  fc.record({ type: fc.constant('timer' as const), expiresIn: fc.constantFrom(300, null) }),
  fc.record({ type: fc.constant('unsupported' as const), originalType: small(['poll', 'call']) }),
);

const message: fc.Arbitrary<MessageRecord> = fc.record(
  {
    id: small(IDS),
    friend: small(ADDRESSES),
    handshakeId: small(HANDSHAKES),
    direction: small(['in', 'out'] as const),
    seq: fc.integer({ min: 1, max: 4 }),
    sentAt: time,
    body: small(['a', 'b']),
    kind: recordKind,
    receivedAt: nullable(time),
    deliveredAt: nullable(time),
    failedAttempts: fc.integer({ min: 0, max: 3 }),
    displayedAt: time,
    editSeq: fc.integer({ min: 1, max: 4 }),
    targetSentAt: time,
  },
  { requiredKeys: ['id', 'friend', 'handshakeId', 'direction', 'seq', 'sentAt', 'body', 'receivedAt', 'deliveredAt', 'failedAttempts'] },
);

const MESSAGE_KEYS = ADDRESSES.flatMap((address) => IDS.flatMap((id) => [messageKey('in', address, id), messageKey('out', address, id)]));

export const blobDocument: fc.Arbitrary<BlobDocument> = fc
  .record({
    version: fc.integer({ min: 1, max: 5 }),
    clock: time,
    settings: keyedBy(['theme', 'notify', 'readReceipts'], () => lwwOf(fc.oneof(fc.boolean(), small(['dark', 'light']), fc.constant(null)))),
    knownServers: keyedBy(['alice@a.example'], () =>
      lwwOf(
        fc.record({
          kdf: fc.record({
            algorithm: fc.constant('argon2id' as const),
            salt: small(['salt1', 'salt2']),
            memoryKiB: fc.constant(65536),
            iterations: fc.constantFrom(3, 4),
            parallelism: fc.constant(1),
          }),
        }),
      ),
    ),
    friends: keyedBy(ADDRESSES, friend),
    messages: fc.array(message, { maxLength: 6 }),
    deletedMessages: keyedBy(MESSAGE_KEYS.slice(0, 8), () => time),
    processedInboxItems: keyedBy(['i1', 'i2', 'i3'], () => time),
  })
  .map(({ messages, deletedMessages, ...rest }) => ({
    format: BLOB_FORMAT,
    identity: ALICE_IDENTITY,
    ...rest,
    deletedMessages,
    messages: Object.fromEntries(
      messages
        .map((m) => [messageKey(m.direction, m.friend, m.id), m] as const)
        .filter(([key]) => !Object.prototype.hasOwnProperty.call(deletedMessages, key)),
    ),
  }));
