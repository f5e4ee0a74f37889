import { parseAddress } from '../../../domain/messaging/address';
import { applyRemoteRemoval, markFriendGone } from '../../../domain/messaging/friends';
import { HandshakeReply, markHandshakeReplyDelivered, undeliveredHandshakeReplies } from '../../../domain/messaging/handshake-replies';
import { ok, Result } from '../../../domain/protocol/result';
import { GatewayError } from '../../ports/home-server-gateway';
import type { Envelope, SealedEnvelope } from '../../../domain/protocol/wire';
import { ClientDependencies } from '../client-dependencies';
import { ClientError, fromGateway } from '../client-error';
import { keyBytes } from '../protocol/key-material';
import { SignedInAccount } from '../session/signed-in-account';
import { encryptMessage } from '../protocol/message-cipher';
import { SaveBlob } from '../session/save-blob';
import { atOnce, InTurn } from '../session/in-turn';

export interface DeliveryReport {
  readonly delivered: number;
  /** Replies that could not be dropped this time; they stay queued in the blob. */
  readonly failures: readonly ClientError[];
}

/**
 * Drops the closing handshake messages still owed (PROTOCOL §4.1 steps 5–6): Bob's stored
 * acceptance envelope, byte for byte, and Alice's friend-confirm under K. Delivery is recorded in
 * the blob in one write, so a crash only means a harmless resend. The drops wait on friends'
 * servers; only that write goes through `inTurn`.
 */
export class DeliverHandshakeReplies {
  private readonly saveBlob: SaveBlob;

  constructor(private readonly deps: ClientDependencies) {
    this.saveBlob = new SaveBlob(deps);
  }

  async execute(account: SignedInAccount, onlyAddress?: string, inTurn: InTurn = atOnce): Promise<Result<DeliveryReport, ClientError>> {
    const due = undeliveredHandshakeReplies(account.doc).filter((reply) => onlyAddress === undefined || reply.address === onlyAddress);
    const delivered: HandshakeReply[] = [];
    const withdrawn: HandshakeReply[] = [];
    const gone: HandshakeReply[] = [];
    const failures: ClientError[] = [];
    for (const reply of due) {
      const dropped = await this.drop(reply);
      if (dropped.ok) delivered.push(reply);
      // Their server refuses the token their request gave us once they withdrew it (removed us): no retry can deliver the acceptance.
      else if (reply.kind === 'acceptance' && dropped.error.code === 'unauthorized') withdrawn.push(reply);
      // Their server no longer knows them: they deleted their account after asking, and every retry would be refused alike.
      else if (dropped.error.code === 'not_found') gone.push(reply);
      else failures.push(fromGateway(dropped.error, `Delivering to ${reply.address} failed`).error);
    }
    if (delivered.length === 0 && withdrawn.length === 0 && gone.length === 0) return ok({ delivered: 0, failures });
    const at = this.deps.clock.now();
    const { deviceId } = account;
    const saved = await inTurn(() =>
      this.saveBlob.execute<void, never>(account, async (doc) => {
        const marked = delivered.reduce((current, reply) => {
          const next = markHandshakeReplyDelivered(current, { address: reply.address, handshakeId: reply.handshakeId, at });
          return next.ok ? next.value : current;
        }, doc);
        const closed = withdrawn.reduce((current, reply) => {
          const next = applyRemoteRemoval(current, { address: reply.address, handshakeId: reply.handshakeId, now: at, deviceId });
          return next.ok ? next.value.doc : current;
        }, marked);
        const ended = gone.reduce((current, reply) => markFriendGone(current, { address: reply.address, now: at, deviceId }).doc, closed);
        return ok({ doc: ended, value: undefined });
      }),
    );
    return saved.ok ? ok({ delivered: delivered.length, failures }) : saved;
  }

  private async drop(reply: HandshakeReply): Promise<Result<unknown, GatewayError>> {
    const address = parseAddress(reply.address);
    if (!address.ok) throw new Error('A friend address in the blob is not canonical');
    const envelope: Envelope =
      reply.kind === 'acceptance'
        ? (JSON.parse(reply.acceptanceEnvelope) as SealedEnvelope)
        : await encryptMessage(this.deps.crypto, {
            friendshipKey: keyBytes(reply.friendshipKey),
            from: reply.ourAddress,
            to: reply.address,
            plaintext: JSON.stringify({ type: 'friend-confirm' }),
          });
    const gateway = this.deps.gateways.forServer(address.value.authority);
    return gateway.drop(address.value.name, reply.theirDropToken, { envelope });
  }
}
