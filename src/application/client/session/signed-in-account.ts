import { KdfParams } from '../../../domain/protocol/account-rules';
import { BlobDocument } from '../../../domain/messaging/blob-document';
import { HeadMark } from '../../../domain/messaging/fork-log';
import { ParentHead } from '../../../domain/messaging/store/head-write';
import { rebaseHead } from '../../../domain/messaging/store/merge-heads';
import { IndexPage } from '../../../domain/messaging/store/index-page';
import { MessagePage } from '../../../domain/messaging/store/message-page';
import { storedMessages } from '../../../domain/messaging/store/read-conversation';
import { StoreHead, tailDocument, withTailDocument } from '../../../domain/messaging/store/store-head';
import { HomeServerGateway } from '../../ports/home-server-gateway';
import { ObjectCache } from '../../ports/object-cache';
import { ProgressListener } from '../messenger';
import { objectCacheUntilEnded } from '../store/object-cache-until-ended';

export interface SessionToken {
  /** A secret: never log it. */
  readonly token: string;
  readonly expiresAt: number;
}

export interface ServerLimits {
  readonly blobBytes: number;
  readonly envelopeBytes: number;
}

/** What a password change replaces at once: the keys derived from the new password, and the session they opened. */
export interface AccountCredentials {
  readonly session: SessionToken;
  readonly authKey: Uint8Array;
  readonly blobKey: Uint8Array;
  readonly kdf: KdfParams;
}

/** Who listens to the account: the session facade, to tell the UI. */
export interface AccountListener {
  /** After every change of the document or of the account's settings. */
  readonly changed: () => void;
  /** Once, when the session turns out to be revoked. */
  readonly revoked: () => void;
}

export interface SignedInAccountStart extends AccountCredentials {
  readonly name: string;
  /** Canonical `name@authority`. */
  readonly address: string;
  readonly authority: string;
  readonly gateway: HomeServerGateway;
  readonly deviceId: string;
  readonly limits: ServerLimits;
  readonly progress: ProgressListener | undefined;
  /** The format 2 head as read from or written to the server, and that head's mark (§8.3). */
  readonly head: StoreHead;
  readonly mark: HeadMark;
  /** This device's copy of the account's store objects. */
  readonly objectCache: ObjectCache;
  readonly openInbox: boolean;
  readonly securityWarning: string | null;
}

/**
 * The state of one signed-in account on this device: credentials in memory only, and the
 * decrypted head (PROTOCOL §8.3) as last read or written (`version` is its server version), with
 * this device's changes on top. The rest of the client works on `doc`, the head's tail seen as a
 * v1 document (the messages in pages are not in it). It changes only
 * through the transitions below, each named for what happened; the use cases call them one
 * operation at a time, and every change of what the UI shows reaches the listener.
 */
export class SignedInAccount {
  readonly name: string;
  /** Canonical `name@authority`. */
  readonly address: string;
  readonly authority: string;
  readonly gateway: HomeServerGateway;
  readonly deviceId: string;
  readonly limits: ServerLimits;
  readonly progress: ProgressListener | undefined;
  readonly securityWarning: string | null;
  readonly objectCache: ObjectCache;

  private current: {
    head: StoreHead;
    /** `tailDocument(head)`, kept so that an unchanged head answers the same document object. */
    doc: BlobDocument;
    /** The head as the server holds it, which the next write descends from (and a 412 rebases on). */
    base: { readonly head: StoreHead; readonly mark: HeadMark };
    unsaved: boolean;
    credentials: AccountCredentials;
    openInbox: boolean;
    storageWarning: string | null;
    closed: boolean;
    /** The session could not be renewed: the password changed or the account is gone. */
    revoked: boolean;
    /** The server showed a head that does not descend from ours (PROTOCOL §8.3): nothing more is written. */
    forked: boolean;
  };
  /**
   * What `changeLater` changed since the last write was saved: a write under way began from the
   * document without it, so it is applied again to what that write saved.
   */
  private changedLater: ((doc: BlobDocument) => BlobDocument)[] = [];
  private listener: AccountListener = { changed: () => undefined, revoked: () => undefined };
  /** Pages of history this device holds in memory: sealed here, or loaded as the user scrolled back. */
  private readonly openedPages = new Map<string, MessagePage>();
  /** Index objects (older page references) this device holds in memory. */
  private readonly openedIndexes = new Map<string, IndexPage>();
  /** Pages and indexes the server served damaged in this session: scrolling back goes on past them. */
  private readonly unreadableObjects = new Set<string>();
  /** Counts every change of `openedPages` or `openedIndexes`. */
  private openedObjectsChanges = 0;
  private shown: { readonly head: StoreHead; readonly openedObjectsChange: number; readonly doc: BlobDocument } | null = null;

  constructor(start: SignedInAccountStart) {
    this.name = start.name;
    this.address = start.address;
    this.authority = start.authority;
    this.gateway = start.gateway;
    this.deviceId = start.deviceId;
    this.limits = start.limits;
    this.progress = start.progress;
    this.securityWarning = start.securityWarning;
    this.objectCache = objectCacheUntilEnded(start.objectCache, () => this.closed);
    const { session, authKey, blobKey, kdf } = start;
    this.current = {
      head: start.head,
      doc: tailDocument(start.head),
      base: { head: start.head, mark: start.mark },
      unsaved: false,
      credentials: { session, authKey, blobKey, kdf },
      openInbox: start.openInbox,
      storageWarning: null,
      closed: false,
      revoked: false,
      forked: false,
    };
  }

  get doc(): BlobDocument {
    return this.current.doc;
  }

  get head(): StoreHead {
    return this.current.head;
  }

  /**
   * `doc` with the messages of the opened pages too (PROTOCOL §8.4: copies merged, tombstones
   * hiding them): what the conversations show. Only the tail when no page is open.
   */
  get shownDocument(): BlobDocument {
    const { head, doc } = this.current;
    if (this.openedPages.size === 0) return doc;
    const openedObjectsChange = this.openedObjectsChanges;
    if (this.shown?.head !== head || this.shown.openedObjectsChange !== openedObjectsChange) {
      this.shown = { head, openedObjectsChange, doc: { ...doc, messages: storedMessages(head, [...this.openedPages.values()]) } };
    }
    return this.shown.doc;
  }

  /** The pages opened so far with their ids, which a compaction may rewrite without downloading anything. */
  get pages(): readonly { readonly id: string; readonly page: MessagePage }[] {
    return [...this.openedPages].map(([id, page]) => ({ id, page }));
  }

  hasOpenedPage(id: string): boolean {
    return this.openedPages.has(id);
  }

  hasOpenedIndex(id: string): boolean {
    return this.openedIndexes.has(id);
  }

  /** The server served this page or index damaged (or another in its place): not asked for again in this session. */
  markUnreadable(id: string): void {
    this.unreadableObjects.add(id);
  }

  isUnreadable(id: string): boolean {
    return this.unreadableObjects.has(id);
  }

  /** The index objects opened so far, whose page references a reader scrolling back also knows. */
  get indexes(): readonly IndexPage[] {
    return [...this.openedIndexes.values()];
  }

  /**
   * Changes whenever a page or an index is opened or dropped: what a judgement over `pages` and
   * `indexes` can be remembered by, since one page dropped and another opened leave their counts alone.
   */
  get openedObjectsChange(): number {
    return this.openedObjectsChanges;
  }

  openIndex(id: string, index: IndexPage): void {
    if (this.openedIndexes.get(id) === index) return;
    this.openedIndexes.set(id, index);
    this.openedObjectsChanges++;
  }

  /** The server does not hold this page (a 409 `object_missing` named it): no compaction plans with it again. */
  dropOpenedPage(id: string): void {
    if (!this.openedPages.delete(id)) return;
    this.openedObjectsChanges++;
    this.listener.changed();
  }

  /** A page's messages are in memory now (sealed by this device, or loaded for scrolling back). */
  openPage(id: string, page: MessagePage): void {
    if (this.openedPages.has(id)) return;
    this.openedPages.set(id, page);
    this.openedObjectsChanges++;
    this.listener.changed();
  }

  /** The server version the head was read at or written as. */
  get version(): number {
    return this.current.base.mark.version;
  }

  /** What the next head write descends from: `headForWrite(head, parent)`. */
  get parent(): ParentHead {
    return { mark: this.current.base.mark, log: this.current.base.head.log };
  }

  /**
   * True when `doc` holds changes not written yet: facts whose loss costs only a harmless resend
   * (a delivery mark). The next blob write carries them; logout flushes them.
   */
  get unsaved(): boolean {
    return this.current.unsaved;
  }

  get session(): SessionToken {
    return this.current.credentials.session;
  }

  get authKey(): Uint8Array {
    return this.current.credentials.authKey;
  }

  get blobKey(): Uint8Array {
    return this.current.credentials.blobKey;
  }

  get kdf(): KdfParams {
    return this.current.credentials.kdf;
  }

  get openInbox(): boolean {
    return this.current.openInbox;
  }

  /** Set while the blob is too near its cap to take in the whole inbox. */
  get storageWarning(): string | null {
    return this.current.storageWarning;
  }

  /** The session has ended here (logout, deletion or revocation): no work starts, no session is renewed. */
  get closed(): boolean {
    return this.current.closed;
  }

  /** Set once the server showed this device two histories: a hard stop for every later write. */
  get forked(): boolean {
    return this.current.forked;
  }

  listen(listener: AccountListener): void {
    this.listener = listener;
  }

  /** Changes the document in memory only; see `unsaved`. */
  changeLater(update: (doc: BlobDocument) => BlobDocument): void {
    const next = update(this.current.doc);
    if (next === this.current.doc) return;
    this.changedLater.push(update);
    this.current.head = withTailDocument(this.current.head, next);
    this.current.doc = next;
    this.current.unsaved = true;
    this.listener.changed();
  }

  /**
   * This device wrote `head` and the server keeps it under `mark`: nothing is left unsaved, but
   * for what `changeLater` changed while the write was under way and the write left out.
   */
  adoptSaved(head: StoreHead, mark: HeadMark): void {
    const saved = tailDocument(head);
    const doc = this.changedLater.reduce((current, update) => update(current), saved);
    this.changedLater = [];
    this.current.head = doc === saved ? head : withTailDocument(head, doc);
    this.current.doc = doc;
    this.current.base = { head, mark };
    this.current.unsaved = doc !== saved;
    this.listener.changed();
  }

  /**
   * Another device wrote the head `read` (under `mark`) on top of the one ours descends from: its
   * changes are merged with ours (what either side sealed into a page leaves the tail), and our
   * unsaved changes stay unsaved.
   */
  mergeFromServer(read: StoreHead, mark: HeadMark): void {
    this.current.head = rebaseHead(this.current.base.head, this.current.head, read);
    this.current.doc = tailDocument(this.current.head);
    this.current.base = { head: read, mark };
    this.listener.changed();
  }

  /** A read found a fork (PROTOCOL §8.3): from now on the account writes nothing. */
  markForked(): void {
    if (this.current.forked) return;
    this.current.forked = true;
    this.listener.changed();
  }

  /** The old session expired and the authKey opened a new one. */
  renewSession(session: SessionToken): void {
    this.current.credentials = { ...this.current.credentials, session };
  }

  /** The password changed: new keys, new KDF parameters, and the session they opened. */
  changeCredentials(credentials: AccountCredentials): void {
    this.current.credentials = credentials;
    this.listener.changed();
  }

  /** The server confirmed whether strangers may drop without a token. */
  setOpenInbox(open: boolean): void {
    this.current.openInbox = open;
    this.listener.changed();
  }

  /** Shows (or, with null, clears) why the inbox is not fully taken in. */
  warnStorage(warning: string | null): void {
    if (this.current.storageWarning === warning) return;
    this.current.storageWarning = warning;
    this.listener.changed();
  }

  /** The server refused to renew the session with our authKey: forget the keys and say so once (not after a logout here). */
  markRevoked(): void {
    if (this.current.revoked || this.current.closed) return;
    this.current.revoked = true;
    this.close();
    this.listener.revoked();
  }

  /**
   * Logging out: the session ends here at once, while the keys stay for the work under way (a seal under wiped keys
   * would use zeros), which `close` forgets them after.
   */
  end(): void {
    this.current.closed = true;
  }

  /** Ends the session here and forgets the keys: after logout, deletion or a failed re-authentication. */
  close(): void {
    this.current.closed = true;
    this.current.credentials.authKey.fill(0);
    this.current.credentials.blobKey.fill(0);
  }
}
