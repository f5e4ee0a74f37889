import { KdfParams } from '../../../domain/protocol/account-rules';
import { BlobDocument } from '../../../domain/messaging/blob-document';
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

/**
 * The state of one logged-in account on this device: credentials in memory only, and the
 * decrypted blob as last read or written (`version` is its server version). Use cases mutate it
 * only through SaveBlob/LoadBlob and the session-token helper, one operation at a time.
 */
export class SignedInAccount {
  doc: BlobDocument;
  version: number;
  session: SessionToken;
  authKey: Uint8Array;
  blobKey: Uint8Array;
  kdf: KdfParams;
  openInbox: boolean;
  storageWarning: string | null = null;
  securityWarning: string | null;
  closed = false;
  /** Set when the session could not be renewed: the password changed or the account is gone. */
  revoked = false;
  /**
   * True when `doc` holds changes not written yet: facts whose loss costs only a harmless resend
   * (a delivery mark). The next blob write carries them; logout flushes them.
   */
  unsaved = false;
  /** Called after every change of the document or of the account's settings. */
  onChanged: () => void = () => undefined;
  /** Called once, when the session turns out to be revoked. */
  onRevoked: () => void = () => undefined;

  constructor(
    readonly fields: {
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
      readonly session: SessionToken;
      readonly authKey: Uint8Array;
      readonly blobKey: Uint8Array;
      readonly kdf: KdfParams;
      readonly openInbox: boolean;
      readonly securityWarning: string | null;
    },
  ) {
    this.doc = fields.doc;
    this.version = fields.version;
    this.session = fields.session;
    this.authKey = fields.authKey;
    this.blobKey = fields.blobKey;
    this.kdf = fields.kdf;
    this.openInbox = fields.openInbox;
    this.securityWarning = fields.securityWarning;
  }

  get name(): string {
    return this.fields.name;
  }

  get address(): string {
    return this.fields.address;
  }

  get gateway(): HomeServerGateway {
    return this.fields.gateway;
  }

  get deviceId(): string {
    return this.fields.deviceId;
  }

  /** Changes the document in memory only; see `unsaved`. */
  changeLater(update: (doc: BlobDocument) => BlobDocument): void {
    const next = update(this.doc);
    if (next === this.doc) return;
    this.doc = next;
    this.unsaved = true;
    this.onChanged();
  }

  /** The server refused to renew the session with our authKey: forget the keys and say so once. */
  markRevoked(): void {
    if (this.revoked) return;
    this.revoked = true;
    this.close();
    this.onRevoked();
  }

  /** Forgets the keys: after logout, deletion or a failed re-authentication. */
  close(): void {
    this.closed = true;
    this.authKey.fill(0);
    this.blobKey.fill(0);
  }
}
