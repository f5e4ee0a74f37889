import fc from 'fast-check';
import { BlobDocument } from '../../../../src/domain/messaging/blob-document';
import { acceptIncomingRequest, recordIncomingRequest } from '../../../../src/domain/messaging/incoming-requests';
import { friendshipStatus } from '../../../../src/domain/messaging/friendship';
import { removeFriend, setFriendBlocked } from '../../../../src/domain/messaging/friends';
import { mergeBlobDocuments } from '../../../../src/domain/messaging/merge';
import { messageKey } from '../../../../src/domain/messaging/message';
import { applyIncomingMessage, composeOutgoingMessage, deleteMessage, reserveSendSeq } from '../../../../src/domain/messaging/messages';
import { getOwn } from '../../../../src/domain/messaging/own-record';
import { setSetting } from '../../../../src/domain/messaging/settings';
import { acceptance, ALICE, bobDoc, bobFriendsWithAlice, incomingMessage, incomingRequest, T0, unwrap } from './builders';

const LAPTOP = 'bob-laptop';
const PHONE = 'bob-phone';

describe('merging what two devices did concurrently', () => {
  it('a removal on one device beats a friendship established on the other, and keeps the message', () => {
    const base = unwrap(acceptIncomingRequest(unwrap(recordIncomingRequest(bobDoc(), incomingRequest())).doc, acceptance()));
    const phone = unwrap(applyIncomingMessage(base, incomingMessage({ deviceId: PHONE }))).doc;
    const laptop = unwrap(removeFriend(base, { address: ALICE, now: T0 + 5000, deviceId: LAPTOP })).doc;
    const merged = mergeBlobDocuments(phone, laptop);
    expect(friendshipStatus(getOwn(merged.friends, ALICE))).toBe('removed');
    expect(getOwn(merged.messages, messageKey('in', ALICE, 'm-1'))?.body).toBe('hello');
  });

  it('a deletion wins over the same message received again elsewhere', () => {
    const base = bobFriendsWithAlice();
    const key = messageKey('in', ALICE, 'm-1');
    const merged = mergeBlobDocuments(deleteMessage(base, key, T0 + 1), base);
    expect(getOwn(merged.messages, key)).toBeUndefined();
    expect(Object.keys(merged.deletedMessages)).toEqual([key]);
  });

  it('two devices never send the same seq once their blobs are merged', () => {
    const base = bobFriendsWithAlice();
    const laptop = unwrap(reserveSendSeq(base, { address: ALICE, handshakeId: 'E_A' }));
    const twice = unwrap(reserveSendSeq(unwrap(reserveSendSeq(base, { address: ALICE, handshakeId: 'E_A' })).doc, { address: ALICE, handshakeId: 'E_A' }));
    const merged = mergeBlobDocuments(laptop.doc, twice.doc);
    expect(unwrap(reserveSendSeq(merged, { address: ALICE, handshakeId: 'E_A' })).seq).toBe(3);
  });

  it('two acceptances of one request resolve to the first written', () => {
    const base = unwrap(recordIncomingRequest(bobDoc(), incomingRequest())).doc;
    const first = unwrap(acceptIncomingRequest(base, acceptance({ friendshipKey: 'K-first', now: T0 + 3000, deviceId: PHONE })));
    const second = unwrap(acceptIncomingRequest(base, acceptance({ friendshipKey: 'K-second', now: T0 + 4000, deviceId: LAPTOP })));
    const merged = mergeBlobDocuments(second, first);
    expect(getOwn(getOwn(merged.friends, ALICE)!.links, 'E_A')!.state).toMatchObject({ keys: { friendshipKey: 'K-first' } });
  });

  it('single values go to the latest write; a lagging clock still wins once it has read the newer value', () => {
    const base = bobDoc();
    const laptop = setSetting(base, { key: 'theme', value: 'dark', now: T0 + 10, deviceId: LAPTOP });
    const phone = setSetting(base, { key: 'theme', value: 'light', now: T0 + 5, deviceId: PHONE });
    expect(getOwn(mergeBlobDocuments(laptop, phone).settings, 'theme')?.value).toBe('dark');
    const phoneAfterSync = setSetting(mergeBlobDocuments(laptop, phone), { key: 'theme', value: 'light', now: T0 + 6, deviceId: PHONE });
    expect(getOwn(mergeBlobDocuments(laptop, phoneAfterSync).settings, 'theme')?.value).toBe('light');
  });

  it('merging an older version into a newer one changes nothing', () => {
    const older = bobFriendsWithAlice();
    const steps: ((doc: BlobDocument) => BlobDocument)[] = [
      (doc) => unwrap(applyIncomingMessage(doc, incomingMessage({ id: 'm-2', seq: 2 }))).doc,
      (doc) => unwrap(composeOutgoingMessage(doc, { to: ALICE, id: 'o-1', body: 'hey', now: T0 + 20_000 })).doc,
      (doc) => deleteMessage(doc, messageKey('in', ALICE, 'm-1'), T0 + 30_000),
      (doc) => unwrap(setFriendBlocked(doc, { address: ALICE, blocked: true, now: T0 + 40_000, deviceId: PHONE })),
      (doc) => unwrap(removeFriend(doc, { address: ALICE, now: T0 + 50_000, deviceId: PHONE })).doc,
    ];
    let newer = older;
    for (const step of steps) {
      const next = step(newer);
      expect(mergeBlobDocuments(next, newer)).toEqual(next);
      expect(mergeBlobDocuments(older, next)).toEqual(next);
      newer = next;
    }
  });

  it('keeps every message two devices received, whatever the interleaving', () => {
    const seqs = fc.uniqueArray(fc.integer({ min: 1, max: 20 }), { maxLength: 10 });
    fc.assert(
      fc.property(seqs, seqs, (phoneSeqs, laptopSeqs) => {
        const base = bobFriendsWithAlice();
        const receiveAll = (seqList: number[], deviceId: string) =>
          seqList
            .filter((seq) => seq !== 1)
            .reduce((doc, seq) => unwrap(applyIncomingMessage(doc, incomingMessage({ id: `m-${seq}`, seq, deviceId }))).doc, base);
        const merged = mergeBlobDocuments(receiveAll(phoneSeqs, PHONE), receiveAll(laptopSeqs, 'bob-laptop'));
        const expected = new Set([1, ...phoneSeqs, ...laptopSeqs]);
        const seen = Object.values(merged.messages).map((message) => message.seq);
        expect(new Set(seen)).toEqual(expected);
        expect(seen).toHaveLength(expected.size);
      }),
      { numRuns: 100 },
    );
  });
});
