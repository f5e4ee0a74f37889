import { encodeB64u } from '../../../domain/protocol/encoding/b64u';
import { ok, Result } from '../../../domain/protocol/result';
import { KeptSession } from '../../ports/session-keeper';
import { ensureDeviceId } from '../session/device-id';
import { ClientDependencies } from '../client-dependencies';
import { contactHomeServer } from '../session/contact-home-server';
import { ClientError, clientError, fromGateway } from '../client-error';
import { OpenStore } from '../session/open-store';
import { noObjectCache } from '../store/no-object-cache';
import { ProgressListener } from '../messenger';
import { SignedInAccount } from '../session/signed-in-account';

/**
 * "Stay signed in": opens a new session with the authKey this browser kept, then reads and
 * decrypts the head with the kept blobKey (upgrading a version 1 blob, PROTOCOL §8.6), with the same rollback check as a log-in. The password
 * (and Argon2) is not needed; a password changed elsewhere makes the server refuse the authKey.
 */
export class ResumeSession {
  private readonly openStore: OpenStore;

  constructor(private readonly deps: ClientDependencies) {
    this.openStore = new OpenStore(deps);
  }

  async execute(kept: KeptSession, progress?: ProgressListener): Promise<Result<SignedInAccount, ClientError>> {
    const contacted = await contactHomeServer(this.deps, kept.address, progress);
    if (!contacted.ok) return contacted;
    const { name, authority, address, gateway, discovery } = contacted.value;
    if (address !== kept.address) return clientError('invalid_address', 'The kept session names another address.');
    const session = await gateway.openSession({ name, authKey: encodeB64u(kept.authKey) });
    if (!session.ok) return fromGateway(session.error, `Signing in again at ${authority} failed`);
    const objectCache = this.deps.objectCaches?.(address) ?? noObjectCache;
    const loaded = await this.openStore.execute({ gateway, sessionToken: session.value.token, name, address, blobKey: kept.blobKey, cache: objectCache });
    if (!loaded.ok) return loaded;
    const profile = await gateway.getProfile(name);
    if (!profile.ok) return fromGateway(profile.error, `Reading your profile at ${authority} failed`);
    return ok(
      new SignedInAccount({
        name,
        address,
        authority,
        gateway,
        deviceId: await ensureDeviceId(this.deps.localStore, this.deps.crypto.random),
        limits: discovery.limits,
        progress,
        head: loaded.value.head,
        mark: loaded.value.mark,
        objectCache,
        session: session.value,
        authKey: kept.authKey,
        blobKey: kept.blobKey,
        kdf: kept.kdf,
        openInbox: profile.value.openInbox,
        securityWarning: null,
      }),
    );
  }
}
