import { POW_MAX_NUMBER_CEILING } from '../../../domain/protocol/pow-captcha-ceiling';
import { encodeB64u } from '../../../domain/protocol/encoding/b64u';
import { friendOf } from '../../../domain/messaging/document-updates';
import { hasKeys, pendingOutgoingLink } from '../../../domain/messaging/friendship';
import { addOutgoingRequest, cancelOutgoingRequest } from '../../../domain/messaging/outgoing-requests';
import { Err, ok, Result } from '../../../domain/protocol/result';
import { X25519KeyPair } from '../../ports/client-crypto';
import { CallOptions, GatewayError, GatewayResult, HomeServerGateway } from '../../ports/home-server-gateway';
import type { CaptchaBody, CaptchaSolution } from '../../../domain/protocol/wire';
import { resolveAddress, ResolvedAddress } from '../session/account-address';
import { ClientDependencies, reportProgress } from '../client-dependencies';
import { ClientError, clientError, fromFriendServer, fromGateway } from '../client-error';
import { identityKeyPair } from '../protocol/key-material';
import { fromMessaging } from '../session/messaging-failure';
import { CaptchaSolver, FriendRequestWatch } from '../messenger';
import { SignedInAccount } from '../session/signed-in-account';
import { asOwner } from '../session/owner-call';
import { FriendRequestPayload } from '../peers/peer-payloads';
import { parsePublicKey } from '../protocol/envelope-fields';
import { computeRequestProof } from '../protocol/request-proof';
import { seal } from '../protocol/seal';
import { SaveBlob } from '../session/save-blob';
import { linkWrittenWithToken } from '../session/written-despite-failure';
import { RevokePendingDropTokens } from '../session/revoke-pending-drop-tokens';
import { solvePowCaptcha } from '../protocol/solve-pow-captcha';

/** Pictures one request may use: enough for a person having a bad moment, not an endless loop for a script. */
export const MAX_CAPTCHA_PICTURES = 5;

interface SolvedCaptcha {
  readonly solution: CaptchaSolution;
  /** A person read it; a miss is theirs to retry, unlike a device's proof of work. */
  readonly byPerson: boolean;
}

export interface SendFriendRequestInput extends FriendRequestWatch {
  readonly to: string;
  readonly note: string;
  readonly solveCaptcha: CaptchaSolver;
}

/** Asked each time: TypeScript would keep the first answer of `signal.aborted` for the whole call. */
const wasCancelled = (watch: FriendRequestWatch): boolean => watch.signal?.aborted === true;

const cancelled = (): Err<ClientError> => clientError('request_cancelled', 'Cancelled. No request was sent.');

/** A failure of the recipient's server; the caller's own cancel when that is what ended the call. */
const fromTheirServer = (error: GatewayError, to: ResolvedAddress, what: string): Err<ClientError> =>
  error.code === 'aborted' ? cancelled() : fromFriendServer(error, to.address, what);

/**
 * PROTOCOL §4.1 steps 1–3: the recipient's identity key and a captcha from *their* server, a drop
 * token at ours, e_A and the token written into the blob before anything is sent, then the
 * request sealed with e_A itself as the seal's ephemeral key.
 */
export class SendFriendRequest {
  private readonly saveBlob: SaveBlob;
  private readonly revokeTokens: RevokePendingDropTokens;

  constructor(private readonly deps: ClientDependencies) {
    this.saveBlob = new SaveBlob(deps);
    this.revokeTokens = new RevokePendingDropTokens(deps);
  }

  async execute(account: SignedInAccount, input: SendFriendRequestInput): Promise<Result<void, ClientError>> {
    const resolved = resolveAddress(input.to);
    if (!resolved.ok) return resolved;
    const to = resolved.value;
    const refused = this.refusal(account, to.address);
    if (refused) return refused;
    if (wasCancelled(input)) return cancelled();

    const gateway = this.deps.gateways.forServer(to.authority);
    const theirs = theirServer(gateway, input);
    const profile = await theirs.ask((options) => gateway.getProfile(to.name, options));
    if (!profile.ok) {
      return profile.error.code === 'not_found'
        ? clientError('not_found', `There is no account ${to.address}.`)
        : fromTheirServer(profile.error, to, `Cannot reach ${to.authority}`);
    }
    const recipientKey = parsePublicKey(profile.value.identityKey);
    if (recipientKey === null) return clientError('bad_response', `${to.authority} sent a malformed identity key.`);

    const solution = await this.solveCaptcha(account, theirs, to, input.solveCaptcha, false);
    if (!solution.ok) return solution;
    // Nothing is recorded yet: a cancel now leaves nothing to withdraw.
    if (wasCancelled(input)) return cancelled();

    const ephemeral = await this.deps.crypto.keyAgreement.generateKeyPair();
    const dropToken = await asOwner(account, (token) => account.gateway.createDropToken(token));
    if (!dropToken.ok) return fromGateway(dropToken.error, 'Creating a drop token failed');
    const handshakeId = encodeB64u(ephemeral.publicKey);
    const recorded = await this.saveBlob.execute(account, async (doc) => {
      const added = addOutgoingRequest(doc, {
        to: to.address,
        ourAddress: account.address,
        identityKey: profile.value.identityKey,
        ephemeralPublicKey: handshakeId,
        ephemeralPrivateKey: encodeB64u(ephemeral.privateKey),
        dropTokenId: dropToken.value.id,
        dropToken: dropToken.value.token,
        note: input.note,
        now: this.deps.clock.now(),
        deviceId: account.deviceId,
      });
      return added.ok ? ok({ doc: added.value, value: undefined }) : fromMessaging(added.error, to.address);
    });
    // A write whose answer was lost may have been committed: then the request stands, holding the token, and is sent.
    const written = recorded.ok || (await linkWrittenWithToken(this.saveBlob, account, { address: to.address, handshakeId, dropTokenId: dropToken.value.id }));
    if (written !== true) {
      // Not in the blob, so no later sync knows of it: this is its only try.
      if (written === false) await asOwner(account, (token) => account.gateway.revokeDropToken(token, dropToken.value.id));
      return recorded;
    }

    const proof = await computeRequestProof(this.deps.crypto, {
      identity: identityKeyPair(account.doc),
      peerIdentityKey: recipientKey,
      ephemeralKey: ephemeral.publicKey,
      from: account.address,
    });
    const payload: FriendRequestPayload = {
      type: 'friend-request',
      from: account.address,
      identityKey: account.doc.identity.publicKey,
      dropToken: dropToken.value.token,
      ephemeralKey: handshakeId,
      note: input.note,
      sentAt: this.deps.clock.now(),
      ...(proof === null ? {} : { proof }),
    };
    const sent = await this.sealAndSend(account, theirs, to, recipientKey, ephemeral, payload, solution.value, input.solveCaptcha).catch(
      async (cancelled: unknown) => {
        await this.withdraw(account, to.address, handshakeId, dropToken.value.id);
        throw cancelled;
      },
    );
    if (sent.ok) return sent;
    await this.withdraw(account, to.address, handshakeId, dropToken.value.id);
    return sent;
  }

  private refusal(account: SignedInAccount, address: string): Result<never, ClientError> | null {
    if (address === account.address) return clientError('validation_failed', 'You cannot befriend yourself.');
    const friend = friendOf(account.doc, address);
    // Their acceptance would make a friendship whose every message is then dropped unseen.
    if (friend?.blocked.value) return fromMessaging('friend/blocked', address);
    if (friend && pendingOutgoingLink(friend)) return fromMessaging('request/already-pending', address);
    if (friend && Object.values(friend.links).some(hasKeys)) return fromMessaging('friend/already-established', address);
    return null;
  }

  /** A captcha from the recipient's server, answered by the person (image) or by this device (proof of work). */
  private async solveCaptcha(
    account: SignedInAccount,
    theirs: TheirServer,
    to: ResolvedAddress,
    solveImage: CaptchaSolver,
    retry: boolean,
    kind?: 'pow',
  ): Promise<Result<SolvedCaptcha, ClientError>> {
    const captcha = await theirs.ask((options) => theirs.gateway.getCaptcha(to.name, kind, options));
    if (!captcha.ok) return fromTheirServer(captcha.error, to, `Getting a captcha from ${to.authority} failed`);
    const challenge: CaptchaBody = captcha.value;
    if (challenge.kind === 'image') {
      const proofOfWorkOffered = challenge.alternatives?.includes('pow') ?? false;
      const answer = await solveImage({ kind: 'image', image: challenge.image, expiresAt: challenge.expiresAt, retry, proofOfWorkOffered });
      if (typeof answer !== 'string') {
        return this.solveCaptcha(account, theirs, to, solveImage, retry, proofOfWorkOffered ? 'pow' : undefined);
      }
      return ok({ solution: { id: challenge.id, answer }, byPerson: true });
    }
    if (challenge.maxNumber > POW_MAX_NUMBER_CEILING) {
      return clientError(
        'bad_response',
        `${to.authority} asked for a proof of work of up to ${challenge.maxNumber.toLocaleString('en')} hashes; this app does at most ${POW_MAX_NUMBER_CEILING.toLocaleString('en')}, so it did not start. Nothing was sent; try again later.`,
      );
    }
    const progress = account.progress;
    reportProgress(progress, 'solving-captcha', 0);
    const answer = await solvePowCaptcha(this.deps.crypto.digest, challenge, (fraction) => reportProgress(progress, 'solving-captcha', fraction));
    if (answer === null) return clientError('bad_response', `${to.authority} sent a proof of work without a solution.`);
    reportProgress(progress, 'solving-captcha', 1);
    return ok({ solution: { id: challenge.id, answer }, byPerson: false });
  }

  /**
   * Seals once and sends; a person's wrong or late answer gets a fresh picture for the same
   * request (issue 12: the form no longer resets on a miss). Cancelling the picture throws.
   */
  private async sealAndSend(
    account: SignedInAccount,
    theirs: TheirServer,
    to: ResolvedAddress,
    recipientKey: Uint8Array,
    ephemeral: X25519KeyPair,
    payload: FriendRequestPayload,
    firstCaptcha: SolvedCaptcha,
    solveImage: CaptchaSolver,
  ): Promise<Result<void, ClientError>> {
    const envelope = await seal(this.deps.crypto, {
      purpose: 'friend-request',
      recipientPublicKey: recipientKey,
      plaintext: JSON.stringify(payload),
      ephemeral,
    });
    if (!envelope.ok) return clientError('bad_response', `${to.address} has an unusable identity key.`);
    let captcha = firstCaptcha;
    for (let picture = 1; ; picture += 1) {
      const request = { captcha: captcha.solution, envelope: envelope.value };
      const sent = await theirs.ask((options) => theirs.gateway.sendFriendRequest(to.name, request, options));
      if (sent.ok) return ok(undefined);
      const missed = sent.error.code === 'captcha_invalid' || sent.error.code === 'captcha_expired';
      if (!missed || !captcha.byPerson || picture >= MAX_CAPTCHA_PICTURES) {
        return fromTheirServer(sent.error, to, `${to.authority} refused the friend request`);
      }
      const fresh = await this.solveCaptcha(account, theirs, to, solveImage, true);
      if (!fresh.ok) return fresh;
      captcha = fresh.value;
    }
  }

  /**
   * The request never arrived: close it and revoke its token, so it cannot be answered later. The
   * closing write lists the token to revoke, so a failed revocation is tried again by later syncs.
   */
  private async withdraw(account: SignedInAccount, address: string, handshakeId: string, dropTokenId: string): Promise<void> {
    const cancelled = await this.saveBlob.execute<boolean, never>(account, async (doc) => {
      const closed = cancelOutgoingRequest(doc, { to: address, handshakeId, now: this.deps.clock.now(), deviceId: account.deviceId });
      return ok({ doc: closed.ok ? closed.value.doc : doc, value: closed.ok });
    });
    // Found no longer pending, it is left alone: it did arrive and was answered (the friendship holds the token), or another device closed it and listed the token.
    if (!cancelled.ok) await asOwner(account, (token) => account.gateway.revokeDropToken(token, dropTokenId));
    else if (cancelled.value) await this.revokeTokens.execute(account);
  }
}


/** The recipient's server, each call to it cancellable and told to the watcher while it waits. */
interface TheirServer {
  readonly gateway: HomeServerGateway;
  ask<T>(call: (options: CallOptions) => GatewayResult<T>): GatewayResult<T>;
}

const theirServer = (gateway: HomeServerGateway, watch: FriendRequestWatch): TheirServer => ({
  gateway,
  async ask(call) {
    watch.onAskingTheirServer?.(true);
    try {
      return await call(watch.signal === undefined ? {} : { signal: watch.signal });
    } finally {
      watch.onAskingTheirServer?.(false);
    }
  },
});
