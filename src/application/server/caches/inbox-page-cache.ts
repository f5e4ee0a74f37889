/** The pages kept, most recently read last; the least recently read goes first. */
export const INBOX_PAGE_CACHE_ENTRIES = 256;
/**
 * Characters of envelopes kept over all pages: up to 2 bytes each as strings, and about 1 more in the
 * body the HTTP route encodes once per kept page, so about 24 MiB at most.
 */
export const INBOX_PAGE_CACHE_CHARS = 8 * 1024 * 1024;
/**
 * Pages kept for one inbox: its devices each ask from their own cursor. More would let one account,
 * asking with ever other `after` and `limit`, push every other account's pages out.
 */
export const INBOX_PAGE_CACHE_PAGES_PER_OWNER = 8;
/** A page bigger than this is never kept: it would push out many smaller ones. */
const LARGEST_KEPT_PAGE_CHARS = 1024 * 1024;

interface Entry<P> {
  readonly owner: string;
  readonly version: string;
  readonly page: P;
  readonly chars: number;
}

/**
 * The inbox pages read last, each with the listing version it was read at (InboxRepository.listingVersion):
 * a device that asks again for a page of an inbox nothing has changed since gets the same page
 * without a query, and the HTTP route can send the same bytes. Bounded in entries and in characters.
 */
export class InboxPageCache<P> {
  private readonly entries = new Map<string, Entry<P>>();
  private readonly pagesOf = new Map<string, number>();
  private chars = 0;

  constructor(
    private readonly maxEntries = INBOX_PAGE_CACHE_ENTRIES,
    private readonly maxChars = INBOX_PAGE_CACHE_CHARS,
    private readonly maxPagesPerOwner = INBOX_PAGE_CACHE_PAGES_PER_OWNER,
  ) {}

  /** The page kept under this key if it was read at this version. */
  get(key: string, version: string): P | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.drop(key, entry);
    if (entry.version !== version) return undefined;
    this.add(key, entry);
    return entry.page;
  }

  /** A page of `owner`'s inbox; `version` must have been read before the page was. */
  set(key: string, version: string, page: P, chars: number, owner: string): void {
    const previous = this.entries.get(key);
    if (previous) this.drop(key, previous);
    if (chars > Math.min(LARGEST_KEPT_PAGE_CHARS, this.maxChars)) return;
    if ((this.pagesOf.get(owner) ?? 0) >= this.maxPagesPerOwner) this.dropOldestOf(owner);
    this.add(key, { owner, version, page, chars });
    for (const [oldestKey, oldest] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.chars <= this.maxChars) break;
      this.drop(oldestKey, oldest);
    }
  }

  private dropOldestOf(owner: string): void {
    for (const [key, entry] of this.entries) {
      if (entry.owner !== owner) continue;
      this.drop(key, entry);
      return;
    }
  }

  private add(key: string, entry: Entry<P>): void {
    this.entries.set(key, entry);
    this.chars += entry.chars;
    this.pagesOf.set(entry.owner, (this.pagesOf.get(entry.owner) ?? 0) + 1);
  }

  private drop(key: string, entry: Entry<P>): void {
    this.entries.delete(key);
    this.chars -= entry.chars;
    const left = (this.pagesOf.get(entry.owner) ?? 1) - 1;
    if (left === 0) this.pagesOf.delete(entry.owner);
    else this.pagesOf.set(entry.owner, left);
  }
}
