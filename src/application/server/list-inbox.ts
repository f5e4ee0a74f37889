import { InboxItemKind } from '../../domain/home-server/inbox-item';
import { err, ok, Result } from '../../domain/protocol/result';
import { InboxPageCache } from './caches/inbox-page-cache';
import { ServerDependencies } from './server-dependencies';

export const INBOX_PAGE_DEFAULT = 100;
export const INBOX_PAGE_MAX = 500;

export interface ListInboxInput {
  readonly name: string;
  /** The `next` of a previous page; absent for the first page. */
  readonly after?: string;
  readonly limit?: number;
}

export interface InboxItemView {
  readonly id: string;
  readonly kind: InboxItemKind;
  readonly tokenId: string | null;
  readonly receivedAt: number;
  /** The envelope exactly as received, serialized JSON. */
  readonly envelope: string;
}

/** Shared by every reader of the same unchanged page (InboxPageCache): never to be modified. */
export interface InboxListing {
  readonly items: readonly InboxItemView[];
  /** Pass as `after` for more; null when there is nothing more. */
  readonly next: string | null;
}

export type ListInboxDeps = Pick<ServerDependencies, 'inbox'>;

/** Items in arrival order. The cursor is the decimal `seq` of the last item returned. */
export class ListInbox {
  private readonly pages = new InboxPageCache<InboxListing>();

  constructor(private readonly deps: ListInboxDeps) {}

  async execute(input: ListInboxInput): Promise<Result<InboxListing, 'input/invalid'>> {
    const limit = input.limit ?? INBOX_PAGE_DEFAULT;
    const afterSeq = input.after === undefined ? 0 : parseCursor(input.after);
    if (afterSeq === null || !Number.isInteger(limit) || limit < 1 || limit > INBOX_PAGE_MAX) {
      return err('input/invalid');
    }
    const key = `${input.name}\n${afterSeq}\n${limit}`;
    // Read before the page: a change between the two then only costs the next reader a query.
    const version = await this.deps.inbox.listingVersion(input.name);
    const kept = version === null ? undefined : this.pages.get(key, version);
    if (kept) return ok(kept);
    const page = await this.deps.inbox.list(input.name, afterSeq, limit);
    const listing: InboxListing = Object.freeze({
      items: Object.freeze(page.items.map(({ id, kind, tokenId, receivedAt, envelope }) => Object.freeze({ id, kind, tokenId, receivedAt, envelope }))),
      next: page.nextAfterSeq === null ? null : String(page.nextAfterSeq),
    });
    if (version !== null) this.pages.set(key, version, listing, envelopeChars(listing), input.name);
    return ok(listing);
  }
}

const envelopeChars = (listing: InboxListing): number => listing.items.reduce((sum, item) => sum + item.envelope.length, 0);

const parseCursor = (cursor: string): number | null => {
  if (!/^(0|[1-9][0-9]{0,15})$/.test(cursor)) return null;
  const seq = Number(cursor);
  return Number.isSafeInteger(seq) ? seq : null;
};
