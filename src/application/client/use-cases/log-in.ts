import { KdfParams } from '../../../domain/protocol/account-rules';
import { encodeB64u } from '../../../domain/protocol/encoding/b64u';
import { compareWithKnownKdf, rememberServerKdf } from '../../../domain/messaging/known-servers';
import { ok, Result } from '../../../domain/protocol/result';
import { ensureDeviceId } from '../session/device-id';
import { ClientDependencies, reportProgress } from '../client-dependencies';
import { contactHomeServer } from '../session/contact-home-server';
import { ClientError, clientError, fromGateway } from '../client-error';
import { OpenStore } from '../session/open-store';
import { tailDocument } from '../../../domain/messaging/store/store-head';
import { noObjectCache } from '../store/no-object-cache';
import { fromMessaging } from '../session/messaging-failure';
import { KdfChange, ProgressListener } from '../messenger';
import { SignedInAccount } from '../session/signed-in-account';
import { checkOfferedKdfParams, deriveAccountKeys, sameKdfParams } from '../protocol/account-keys';
import { SaveBlob } from '../session/save-blob';

export interface LogInInput {
  readonly address: string;
  readonly password: string;
  readonly progress?: ProgressListener;
  /** See ClientOptions.confirmKdfChange. */
  readonly confirmKdfChange?: (change: KdfChange) => Promise<boolean>;
}

export const KDF_CHANGED_WARNING =
  'The server asked for different password parameters than last time on this device, and your own data does not record the change. If you did not change your password elsewhere, the server may be trying to weaken your password protection.';

export const IDENTITY_KEY_MISMATCH_WARNING =
  'The server publishes an identity key for you that is not yours: friends who add you now could be talking to someone else.';

/**
 * Lower cost than this device used before. Our clients only ever raise it, so a server offering
 * less is refused before the authKey derived from it can leave the device.
 */
const isWeaker = (offered: KdfParams, remembered: KdfParams): boolean =>
  offered.memoryKiB < remembered.memoryKiB || offered.iterations < remembered.iterations;

const costOf = (kdf: KdfParams): KdfChange['before'] => ({ memoryKiB: kdf.memoryKiB, iterations: kdf.iterations, parallelism: kdf.parallelism });

const describeChange = (remembered: KdfParams, offered: KdfParams): KdfChange => ({
  saltChanged: remembered.salt !== offered.salt,
  before: costOf(remembered),
  after: costOf(offered),
});

/**
 * PROTOCOL §4, §5: KDF parameters → floor check → compare with what this device used before →
 * derive → open a session → read and decrypt the head → rollback and fork checks (a version 1
 * blob is upgraded to the user store first, PROTOCOL §8.6).
 */
export class LogIn {
  private readonly openStore: OpenStore;
  private readonly saveBlob: SaveBlob;

  constructor(private readonly deps: ClientDependencies) {
    this.openStore = new OpenStore(deps);
    this.saveBlob = new SaveBlob(deps);
  }

  async execute(input: LogInInput): Promise<Result<SignedInAccount, ClientError>> {
    const { crypto, localStore, clock } = this.deps;
    const contacted = await contactHomeServer(this.deps, input.address, input.progress);
    if (!contacted.ok) return contacted;
    const { name, authority, address, gateway, discovery } = contacted.value;
    const offered = await gateway.getKdfParams(name);
    if (!offered.ok) return fromGateway(offered.error, `Cannot reach ${authority}`);
    const kdf = checkOfferedKdfParams(offered.value);
    if (!kdf.ok) {
      return kdf.error === 'kdf/invalid-salt'
        ? clientError('bad_response', `${authority} sent a malformed password salt.`)
        : clientError('kdf_downgrade', `${authority} asked for password parameters this app refuses (${kdf.error}); nothing was sent.`);
    }
    const remembered = await localStore.rememberedKdf(address);
    if (remembered !== null && isWeaker(kdf.value, remembered)) {
      return clientError(
        'kdf_downgrade',
        `${authority} now asks for weaker password parameters than this device used before; nothing was sent.`,
      );
    }
    const kdfChanged = remembered !== null && !sameKdfParams(remembered, kdf.value);
    if (remembered !== null && kdfChanged) {
      // Asked before the password touches the new parameters: a server cannot learn an authKey from them unasked.
      const confirmed = (await input.confirmKdfChange?.(describeChange(remembered, kdf.value))) ?? false;
      if (!confirmed) {
        return clientError('kdf_changed', `${authority} changed your password parameters since this device last logged in; nothing was sent.`);
      }
    }
    const failureNote = kdfChanged ? ' The server also changed the password parameters since this device last logged in.' : '';

    reportProgress(input.progress, 'deriving-keys', 0);
    const keys = await deriveAccountKeys(crypto, input.password, kdf.value);
    if (!keys.ok) return clientError('kdf_downgrade', `${authority} asked for password parameters this app refuses.`);
    reportProgress(input.progress, 'deriving-keys', 1);

    reportProgress(input.progress, 'contacting-server');
    const session = await gateway.openSession({ name, authKey: encodeB64u(keys.value.authKey) });
    if (!session.ok) {
      return session.error.code === 'unauthorized'
        ? clientError('wrong_password', `Wrong address or password.${failureNote}`)
        : fromGateway(session.error, `Logging in at ${authority} failed`);
    }

    reportProgress(input.progress, 'syncing');
    const objectCache = this.deps.objectCaches?.(address) ?? noObjectCache;
    const loaded = await this.openStore.execute({ gateway, sessionToken: session.value.token, name, address, blobKey: keys.value.blobKey, cache: objectCache });
    if (!loaded.ok) return clientError(loaded.error.code, `${loaded.error.message}${failureNote}`);
    const profile = await gateway.getProfile(name);
    if (!profile.ok) return fromGateway(profile.error, `Reading your profile at ${authority} failed`);

    const doc = tailDocument(loaded.value.head);
    // The blob is authenticated under the key these parameters gave: if it records them, one of
    // our own devices changed the password, and the change is no attack.
    const recordedInBlob = compareWithKnownKdf(doc, address, kdf.value) === 'unchanged';
    const warnings = [
      kdfChanged && !recordedInBlob ? KDF_CHANGED_WARNING : null,
      profile.value.identityKey !== doc.identity.publicKey ? IDENTITY_KEY_MISMATCH_WARNING : null,
    ].filter((warning): warning is string => warning !== null);
    await localStore.rememberKdf(address, kdf.value);

    const account = new SignedInAccount({
      name,
      address,
      authority,
      gateway,
      deviceId: await ensureDeviceId(localStore, crypto.random),
      limits: discovery.limits,
      progress: input.progress,
      head: loaded.value.head,
      mark: loaded.value.mark,
      objectCache,
      session: session.value,
      authKey: keys.value.authKey,
      blobKey: keys.value.blobKey,
      kdf: kdf.value,
      openInbox: profile.value.openInbox,
      securityWarning: warnings.length > 0 ? warnings.join(' ') : null,
    });
    if (!recordedInBlob) {
      const saved = await this.saveBlob.execute(account, async (current) => {
        const updated = rememberServerKdf(current, { address, kdf: kdf.value, now: clock.now(), deviceId: account.deviceId });
        return updated.ok ? ok({ doc: updated.value, value: undefined }) : fromMessaging(updated.error, address);
      });
      if (!saved.ok) return saved;
    }
    return ok(account);
  }
}
