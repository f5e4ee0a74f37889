import { KDF_SALT_BYTES, KdfParams } from '../../../domain/protocol/account-rules';
import { encodeB64u } from '../../../domain/protocol/encoding/b64u';
import { createBlobDocument } from '../../../domain/messaging/blob-document';
import { rememberServerKdf } from '../../../domain/messaging/known-servers';
import { ok, Result } from '../../../domain/protocol/result';
import { ensureDeviceId } from '../session/device-id';
import { serializeStoreHead, STORE_KEY_BYTES } from '../../../domain/messaging/store/head-codec';
import { upgradeV1 } from '../../../domain/messaging/store/upgrade-v1';
import { markOfHead } from '../session/head-mark';
import { noObjectCache } from '../store/no-object-cache';
import { newObjectId } from '../protocol/object-cipher';
import { ClientDependencies, reportProgress } from '../client-dependencies';
import { contactHomeServer } from '../session/contact-home-server';
import { ClientError, clientError, fromGateway } from '../client-error';
import { encodeKeyPair } from '../protocol/key-material';
import { ProgressListener } from '../messenger';
import { SignedInAccount } from '../session/signed-in-account';
import { deriveAccountKeys } from '../protocol/account-keys';
import { encryptBlob } from '../protocol/blob-cipher';

export interface RegisterInput {
  readonly address: string;
  readonly password: string;
  readonly progress?: ProgressListener;
  /** Sent only to servers whose registration is `invite`. */
  readonly inviteCode?: string;
}

/** The blob's version right after registration (the server starts every account there). */
export const FIRST_BLOB_VERSION = 1;

/**
 * Creates an account (PROTOCOL §4, §5 POST /accounts): a fresh salt, keys derived from the
 * password, a new identity key pair whose private half only ever exists inside the encrypted head,
 * and the user store's key (the head is format 2 from the start, PROTOCOL §8.3).
 */
export class Register {
  constructor(private readonly deps: ClientDependencies) {}

  async execute(input: RegisterInput): Promise<Result<SignedInAccount, ClientError>> {
    const { crypto, localStore, clock } = this.deps;
    const contacted = await contactHomeServer(this.deps, input.address, input.progress);
    if (!contacted.ok) return contacted;
    const { name, authority, address, gateway, discovery } = contacted.value;
    // Refused before Argon2 runs: no point making the user wait for keys the server will not take.
    const { registration } = discovery;
    if (registration === 'closed') return clientError('registration_closed', `${authority} does not accept new accounts.`);
    const inviteCode = input.inviteCode?.trim() ?? '';
    if (registration === 'invite' && inviteCode === '') {
      return clientError('invite_required', `${authority} accepts new accounts only with an invite code.`);
    }

    const kdf: KdfParams = { algorithm: 'argon2id', salt: encodeB64u(crypto.random.bytes(KDF_SALT_BYTES)), ...this.deps.kdfCost };
    reportProgress(input.progress, 'deriving-keys', 0);
    const keys = await deriveAccountKeys(crypto, input.password, kdf);
    if (!keys.ok) return clientError('kdf_downgrade', `This app is configured with password protection it refuses (${keys.error}).`);
    reportProgress(input.progress, 'deriving-keys', 1);

    reportProgress(input.progress, 'encrypting');
    const identity = await crypto.keyAgreement.generateKeyPair();
    const deviceId = await ensureDeviceId(localStore, crypto.random);
    const remembered = rememberServerKdf(createBlobDocument(encodeKeyPair(identity), FIRST_BLOB_VERSION), {
      address,
      kdf,
      now: clock.now(),
      deviceId,
    });
    if (!remembered.ok) return clientError('invalid_address', `Not an address: ${address}`);
    // A new account has no history to seal: its head is the v1 document with a fresh store key (§8.3).
    const { head } = upgradeV1(remembered.value, encodeB64u(crypto.random.bytes(STORE_KEY_BYTES)), () => newObjectId(crypto.random));
    const ciphertext = await encryptBlob(crypto, keys.value.blobKey, name, serializeStoreHead(head));

    reportProgress(input.progress, 'contacting-server');
    const registered = await gateway.register({
      name,
      authKey: encodeB64u(keys.value.authKey),
      kdf,
      identityKey: encodeB64u(identity.publicKey),
      blob: { ciphertext },
      ...(registration === 'invite' ? { invite: inviteCode } : {}),
    });
    if (!registered.ok && registered.error.code === 'forbidden' && registration === 'invite') {
      return clientError('forbidden', `${authority} did not accept this invite code: it may be mistyped, already used or expired.`);
    }
    if (!registered.ok) return fromGateway(registered.error, `Registration at ${authority} failed`);
    const session = await gateway.openSession({ name, authKey: encodeB64u(keys.value.authKey) });
    if (!session.ok) return fromGateway(session.error, `Logging in at ${authority} failed`);

    await localStore.rememberKdf(address, kdf);
    const mark = await markOfHead(crypto, FIRST_BLOB_VERSION, ciphertext);
    await localStore.recordBlobVersion(address, FIRST_BLOB_VERSION);
    await localStore.rememberHead(address, mark);
    return ok(
      new SignedInAccount({
        name,
        address,
        authority,
        gateway,
        deviceId,
        limits: discovery.limits,
        progress: input.progress,
        head,
        mark,
        objectCache: this.deps.objectCaches?.(address) ?? noObjectCache,
        session: session.value,
        authKey: keys.value.authKey,
        blobKey: keys.value.blobKey,
        kdf,
        openInbox: false,
        securityWarning: null,
      }),
    );
  }
}
