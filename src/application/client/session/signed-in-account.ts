import { KdfParams } from '../../../domain/protocol/account-rules';
import { BlobDocument } from '../../../domain/messaging/blob-document';
import { mergeBlobDocuments } from '../../../domain/messaging/merge';
import { HomeServerGateway } from '../../ports/home-server-gateway';
import { ProgressListener } from '../messenger';

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
  readonly doc: BlobDocument;
  readonly version: number;
  readonly openInbox: boolean;
  readonly securityWarning: string | null;
}

/**
 * The state of one signed-in account on this device: credentials in memory only, and the
 * decrypted blob as last read or written (`version` is its server version). It changes only
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

  private current: {
    doc: BlobDocument;
    version: number;
    unsaved: boolean;
    credentials: AccountCredentials;
    openInbox: boolean;
    storageWarning: string | null;
    closed: boolean;
    /** The session could not be renewed: the password changed or the account is gone. */
    revoked: boolean;
  };
  private listener: AccountListener = { changed: () => undefined, revoked: () => undefined };

  constructor(start: SignedInAccountStart) {
    this.name = start.name;
    this.address = start.address;
    this.authority = start.authority;
    this.gateway = start.gateway;
    this.deviceId = start.deviceId;
    this.limits = start.limits;
    this.progress = start.progress;
    this.securityWarning = start.securityWarning;
    const { session, authKey, blobKey, kdf } = start;
    this.current = {
      doc: start.doc,
      version: start.version,
      unsaved: false,
      credentials: { session, authKey, blobKey, kdf },
      openInbox: start.openInbox,
      storageWarning: null,
      closed: false,
      revoked: false,
    };
  }

  get doc(): BlobDocument {
    return this.current.doc;
  }

  /** The server version `doc` was read at or written as. */
  get version(): number {
    return this.current.version;
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

  /** The keys are forgotten: after logout, deletion or revocation. */
  get closed(): boolean {
    return this.current.closed;
  }

  listen(listener: AccountListener): void {
    this.listener = listener;
  }

  /** Changes the document in memory only; see `unsaved`. */
  changeLater(update: (doc: BlobDocument) => BlobDocument): void {
    const next = update(this.current.doc);
    if (next === this.current.doc) return;
    this.current.doc = next;
    this.current.unsaved = true;
    this.listener.changed();
  }

  /** This device wrote `doc` and the server keeps it as `version`: nothing is left unsaved. */
  adoptSaved(doc: BlobDocument, version: number): void {
    this.current.doc = doc;
    this.current.version = version;
    this.current.unsaved = false;
    this.listener.changed();
  }

  /** Another device wrote `version`: its document is merged with ours, whose unsaved changes stay unsaved. */
  mergeFromServer(read: BlobDocument, version: number): void {
    this.current.doc = mergeBlobDocuments(read, this.current.doc);
    this.current.version = version;
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

  /** The server refused to renew the session with our authKey: forget the keys and say so once. */
  markRevoked(): void {
    if (this.current.revoked) return;
    this.current.revoked = true;
    this.close();
    this.listener.revoked();
  }

  /** Forgets the keys: after logout, deletion or a failed re-authentication. */
  close(): void {
    this.current.closed = true;
    this.current.credentials.authKey.fill(0);
    this.current.credentials.blobKey.fill(0);
  }
}
