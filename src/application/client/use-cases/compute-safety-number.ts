import { friendOf } from '../../../domain/messaging/document-updates';
import { currentLink } from '../../../domain/messaging/friendship';
import { ok, Result } from '../../../domain/protocol/result';
import { resolveAddress } from '../session/account-address';
import { ClientDependencies } from '../client-dependencies';
import { ClientError } from '../client-error';
import { keyBytes } from '../protocol/key-material';
import { fromMessaging } from '../session/messaging-failure';
import { SignedInAccount } from '../session/signed-in-account';
import { computeSafetyNumber, formatSafetyNumber } from '../protocol/safety-number';

/**
 * PROTOCOL §4.1 step 9: both fingerprints over the identity keys and the addresses as exchanged
 * in the handshake, so both sides compute the same 60 digits (shown as 12 groups of 5).
 */
export class ComputeSafetyNumber {
  constructor(private readonly deps: Pick<ClientDependencies, 'crypto'>) {}

  async execute(account: SignedInAccount, address: string): Promise<Result<string, ClientError>> {
    const resolved = resolveAddress(address);
    if (!resolved.ok) return resolved;
    const friend = friendOf(account.doc, resolved.value.address);
    const link = friend && currentLink(friend);
    if (!friend || !link) return fromMessaging('friend/unknown', resolved.value.address);
    const digits = await computeSafetyNumber(
      this.deps.crypto,
      { identityKey: keyBytes(account.doc.identity.publicKey), address: link.ourAddress },
      { identityKey: keyBytes(link.identityKey), address: friend.address },
    );
    return ok(formatSafetyNumber(digits).join(' '));
  }
}
