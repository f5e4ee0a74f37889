import { isEmptyDraft, type Draft } from '../../application/client/messenger';

/** Writes one friend's draft to the device (the session seals it); an empty draft removes it. */
export type KeepDraft = (friend: string, draft: Draft) => Promise<void>;

const EMPTY: Draft = { text: '' };

/** Without the fields left unset, so equal drafts compare equal and none is kept as `undefined`. */
const compact = ({ text, replyTo, edit }: Draft): Draft => ({
  text,
  ...(replyTo === undefined ? {} : { replyTo }),
  ...(edit === undefined ? {} : { edit: { messageId: edit.messageId, text: edit.text } }),
});

const joined = (...texts: readonly string[]): string => texts.filter((text) => text !== '').join('\n');

/**
 * One friend's draft the device kept but the user never saw, with what they typed since: neither gives way. Of two
 * edits, the one begun since stays; the other's text goes in front of the new message's, as a chat does with an edit it drops.
 */
const beside = (kept: Draft, typed: Draft): Draft => {
  const keptEditGoes = kept.edit !== undefined && typed.edit !== undefined && (kept.edit.messageId !== typed.edit.messageId || kept.edit.text !== typed.edit.text);
  return {
    text: joined(keptEditGoes ? (kept.edit?.text ?? '') : '', kept.text, typed.text),
    replyTo: typed.replyTo ?? kept.replyTo,
    edit: typed.edit ?? kept.edit,
  };
};

const sameDraft = (one: Draft, other: Draft): boolean =>
  one.text === other.text && one.replyTo === other.replyTo && one.edit?.messageId === other.edit?.messageId && one.edit?.text === other.edit?.text;

/** Typing writes once it pauses this long, so a burst of keys costs one sealed write. */
export const DRAFT_WRITE_DELAY_MS = 400;

/**
 * What the user typed and has not sent, per conversation: the new message with what it replies to,
 * and an edit under way (the composer's whole state, so a chat switch or a reload keeps it). Memory is the source while signed in;
 * each change is also written, sealed, to the device through the signed-in session (debounced, and
 * at once through `flush` when the page is hidden or goes), so a reload or a crashed tab keeps it.
 * It outlives a session that ended by itself (password changed on another device), so signing in
 * again as the same account brings the text back; logging out drops it (and the session deletes
 * what the device kept).
 */
export class Drafts {
  private owner: string | null = null;
  private readonly texts = new Map<string, Draft>();
  private keep: KeepDraft | null = null;
  /** Friends whose text changed since it was last written to the device. */
  private readonly unwritten = new Set<string>();
  /** Writes started and not finished. */
  private writing = 0;
  /** False after signing in where the device keeps no drafts: then all that is typed lives in memory only. */
  private deviceKeeps = true;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** What memory knows the device holds (read at an attach, or written since): memory has seen it, so it is never news. */
  private readonly onDevice = new Map<string, Draft>();
  private readonly arrivalListeners = new Set<(friends: ReadonlySet<string>) => void>();

  constructor(private readonly writeDelayMs = DRAFT_WRITE_DELAY_MS) {}

  /** Drafts belong to one account: signing in as another one starts empty. */
  claimFor(address: string): void {
    if (this.owner !== address) this.clear();
    this.owner = address;
  }

  /**
   * After signing in: what the device kept comes back where memory has nothing for that friend,
   * and what memory has that the device does not (typed before the session ended) is written.
   * `kept` is null where the device keeps no drafts: nothing is written, and leaving could lose all that is typed.
   */
  attach(kept: ReadonlyMap<string, Draft> | null, keep: KeepDraft): void {
    this.deviceKeeps = kept !== null;
    if (kept === null) return;
    this.onDevice.clear();
    for (const [friend, draft] of kept) this.onDevice.set(friend, compact(draft));
    // A friend changed and not written yet keeps memory's word, an emptied draft (sent, deleted) included.
    for (const [friend, draft] of kept) if (!this.texts.has(friend) && !this.unwritten.has(friend)) this.texts.set(friend, compact(draft));
    for (const [friend, draft] of this.texts) if (!sameDraft(kept.get(friend) ?? EMPTY, draft)) this.unwritten.add(friend);
    this.keep = keep;
    this.writeSoon();
  }

  /**
   * What the device kept, read only now (reading it at sign-in failed): what memory never saw of it
   * comes back beside what was typed since (the kept text first, as `restore` puts it), then all is as
   * after `attach`. What memory had from the device already (a session that ended by itself) is not news:
   * memory's word stands, a draft sent since included. Listeners hear which friends' drafts changed, for a composer already open.
   */
  attachLate(kept: ReadonlyMap<string, Draft>, keep: KeepDraft): void {
    const friends = new Set<string>();
    for (const [friend, draft] of kept) {
      if (sameDraft(this.onDevice.get(friend) ?? EMPTY, compact(draft))) continue;
      const typed = this.texts.get(friend);
      this.texts.set(friend, compact(typed === undefined ? draft : beside(draft, typed)));
      friends.add(friend);
    }
    this.attach(kept, keep);
    for (const listener of this.arrivalListeners) listener(friends);
  }

  onLateArrival(listener: (friends: ReadonlySet<string>) => void): () => void {
    this.arrivalListeners.add(listener);
    return () => {
      this.arrivalListeners.delete(listener);
    };
  }

  /** The session ended: nothing more is written through it; what was not written waits for the next attach. */
  detach(): void {
    this.keep = null;
    this.cancelWrite();
  }

  /**
   * Whether leaving the page now could lose something: a change not yet on the device (in the typing
   * pause, on its way, or failed), or any text where the device keeps none. Not a draft already kept.
   */
  hasAnythingToLose(): boolean {
    if (!this.deviceKeeps) return this.texts.size > 0;
    return this.unwritten.size > 0 || this.writing > 0;
  }

  get(friend: string): Draft {
    return this.texts.get(friend) ?? EMPTY;
  }

  /** Changes some of the friend's draft (a field given as undefined is cleared), keeping the rest. */
  update(friend: string, change: Partial<Draft>): void {
    this.set(friend, { ...this.get(friend), ...change });
  }

  set(friend: string, draft: Draft): void {
    if (sameDraft(this.get(friend), draft)) return;
    const empty = isEmptyDraft(draft);
    if (empty) this.texts.delete(friend);
    else this.texts.set(friend, compact(draft));
    this.unwritten.add(friend);
    // An emptied draft was sent or thrown away: kept on the device, it would come back at the next sign-in.
    if (empty) this.flush();
    else this.writeSoon();
  }

  /** Text that would otherwise be lost (a message that was not stored) goes in front of whatever was typed since. */
  restore(friend: string, text: string): void {
    const typed = this.get(friend).text;
    this.update(friend, { text: typed === '' ? text : `${text}\n${typed}` });
  }

  /** Writes every change not written yet, now (the page is being hidden or left). */
  flush(): void {
    this.cancelWrite();
    const keep = this.keep;
    if (keep === null) return;
    for (const friend of [...this.unwritten]) {
      this.unwritten.delete(friend);
      this.writing += 1;
      const draft = this.get(friend);
      keep(friend, draft)
        .then(() => (isEmptyDraft(draft) ? this.onDevice.delete(friend) : this.onDevice.set(friend, draft)))
        .catch((error: unknown) => {
          // Still in memory: the next change, flush or sign-in writes it again.
          if (this.keep === keep) this.unwritten.add(friend);
          console.warn('A draft could not be kept on this device', error instanceof Error ? error.name : typeof error);
        })
        .finally(() => (this.writing -= 1));
    }
  }

  clear(): void {
    this.detach();
    this.owner = null;
    this.texts.clear();
    this.unwritten.clear();
    this.onDevice.clear();
  }

  private writeSoon(): void {
    if (this.keep === null || this.unwritten.size === 0) return;
    this.cancelWrite();
    this.timer = setTimeout(() => this.flush(), this.writeDelayMs);
  }

  private cancelWrite(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
