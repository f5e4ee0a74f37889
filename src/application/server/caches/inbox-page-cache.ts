/** The pages kept, most recently read last; the least recently read goes first. */
export const INBOX_PAGE_CACHE_ENTRIES = 256;
/**
 * Characters of envelopes kept over all pages: up to 2 bytes each as strings, and about 1 more in the
 * body the HTTP route encodes once per kept page, so about 24 MiB at most.
 */
export const INBOX_PAGE_CACHE_CHARS = 8 * 1024 * 1024;
/** A page bigger than this is never kept: it would push out many smaller ones. */
const LARGEST_KEPT_PAGE_CHARS = 1024 * 1024;

interface Entry<P> {
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
  private chars = 0;

  constructor(
    private readonly maxEntries = INBOX_PAGE_CACHE_ENTRIES,
    private readonly maxChars = INBOX_PAGE_CACHE_CHARS,
  ) {}

  /** The page kept under this key if it was read at this version. */
  get(key: string, version: string): P | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.drop(key, entry);
    if (entry.version !== version) return undefined;
    this.entries.set(key, entry);
    this.chars += entry.chars;
    return entry.page;
  }

  /** `version` must have been read before the page was. */
  set(key: string, version: string, page: P, chars: number): void {
    const previous = this.entries.get(key);
    if (previous) this.drop(key, previous);
    if (chars > Math.min(LARGEST_KEPT_PAGE_CHARS, this.maxChars)) return;
    this.entries.set(key, { version, page, chars });
    this.chars += chars;
    for (const [oldestKey, oldest] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.chars <= this.maxChars) break;
      this.drop(oldestKey, oldest);
    }
  }

  private drop(key: string, entry: Entry<P>): void {
    this.entries.delete(key);
    this.chars -= entry.chars;
  }
}
