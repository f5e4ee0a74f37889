import fc from 'fast-check';
import { Value } from '@sinclair/typebox/value';
import { inboxPageJson } from '../../../../src/adapters/http/routes/inbox-page-json';
import { InboxPage } from '../../../../src/domain/protocol/wire/inbox';
import { InboxListing } from '../../../../src/application/server/list-inbox';

const b64u = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max }).map((bytes) => Buffer.from(bytes).toString('base64url'));
const envelope = fc.oneof(
  fc.record({ v: fc.constant(1), epk: b64u(32, 32), nonce: b64u(12, 12), ct: b64u(16, 200) }),
  fc.record({ v: fc.constant(1), nonce: b64u(12, 12), ct: b64u(16, 200) }),
);
const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/);

/** Listings as ListInbox makes them: envelopes stored as the drop routes stored them (JSON.stringify). */
const listing: fc.Arbitrary<InboxListing> = fc.record({
  items: fc.array(
    fc.record({
      id,
      kind: fc.constantFrom('friend-request' as const, 'drop' as const),
      tokenId: fc.option(id, { nil: null }),
      receivedAt: fc.nat({ max: 2 ** 50 }),
      envelope: envelope.map((value) => JSON.stringify(value)),
    }),
    { maxLength: 8 },
  ),
  next: fc.option(fc.stringMatching(/^[0-9]{1,16}$/), { nil: null }),
});

describe('GET /inbox body as pre-serialized JSON', () => {
  it('is the page the response schema describes, envelopes parsed back exactly', () => {
    fc.assert(
      fc.property(listing, (page) => {
        const body: unknown = JSON.parse(inboxPageJson(page));
        expect(Value.Check(InboxPage, body)).toBe(true);
        expect(body).toEqual({ items: page.items.map((item) => ({ ...item, envelope: JSON.parse(item.envelope) })), next: page.next });
      }),
    );
  });

  it('escapes whatever the text fields hold', () => {
    const page: InboxListing = { items: [{ id: 'a"b\\c\u2028', kind: 'drop', tokenId: '\n', receivedAt: 5, envelope: '{"v":1}' }], next: '"' };
    expect(JSON.parse(inboxPageJson(page))).toEqual({ items: [{ ...page.items[0], envelope: { v: 1 } }], next: '"' });
  });
});
