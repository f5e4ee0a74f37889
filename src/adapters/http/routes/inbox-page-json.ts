import { InboxListing } from '../../../application/server/list-inbox';

/**
 * The `GET /inbox` body (wire `InboxPage`) as JSON text, with each envelope spliced in as the JSON
 * text it is stored as. That text is what `JSON.stringify` made of an envelope the drop routes
 * had validated against the wire schema, so parsing it back and running the response serializer
 * (an Ajv check per item to pick the envelope union's branch) would only reproduce it: on a page
 * of 1 KiB envelopes that took most of the request's time.
 */
const bodies = new WeakMap<InboxListing, Buffer>();

/**
 * `inboxPageJson` as UTF-8 bytes, built once per listing: ListInbox hands every reader of an
 * unchanged page the same listing, and building and encoding a page of 1 KiB envelopes cost more
 * than sending it (BENCHMARKS.md, "GET /inbox at one connection").
 */
export const inboxPageBody = (listing: InboxListing): Buffer => {
  let body = bodies.get(listing);
  if (!body) {
    body = Buffer.from(inboxPageJson(listing), 'utf8');
    bodies.set(listing, body);
  }
  return body;
};

export const inboxPageJson = (listing: InboxListing): string => {
  const items = listing.items.map(
    (item) =>
      `{"id":${JSON.stringify(item.id)},"kind":${JSON.stringify(item.kind)},"tokenId":${JSON.stringify(item.tokenId)},` +
      `"receivedAt":${JSON.stringify(item.receivedAt)},"envelope":${item.envelope}}`,
  );
  return `{"items":[${items.join(',')}],"next":${JSON.stringify(listing.next)}}`;
};
