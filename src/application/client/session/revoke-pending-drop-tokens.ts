import {
  markDropTokensRevoked,
  PendingRevocation,
  pendingDropTokenRevocations,
  pruneRevokedDropTokens,
} from '../../../domain/messaging/drop-token-revocations';
import { ok, Result } from '../../../domain/protocol/result';
import { ClientDependencies } from '../client-dependencies';
import { ClientError } from '../client-error';
import { asOwner } from './owner-call';
import { SaveBlob } from './save-blob';
import { SignedInAccount } from './signed-in-account';

/**
 * Asks our server once to revoke each drop token the blob still lists as pending (a removal, a
 * block, an expired or withdrawn request, on any device) and records in one write those it no
 * longer honours. Any other answer leaves the token pending for the next sync; once our server is
 * unreachable the tokens after it wait for that sync too.
 */
export class RevokePendingDropTokens {
  private readonly saveBlob: SaveBlob;

  constructor(private readonly deps: ClientDependencies) {
    this.saveBlob = new SaveBlob(deps);
  }

  async execute(account: SignedInAccount): Promise<Result<void, ClientError>> {
    const revoked: PendingRevocation[] = [];
    for (const pending of pendingDropTokenRevocations(account.doc)) {
      const answer = await asOwner(account, (token) => account.gateway.revokeDropToken(token, pending.tokenId));
      // Unknown to our server: another device revoked it first; either way nobody can drop with it.
      if (answer.ok || answer.error.code === 'not_found') revoked.push(pending);
      // Our server unreachable or asking us to slow down: the rest would each wait out the same deadline; the next sync tries them.
      else if (answer.error.code === 'network_error' || answer.error.code === 'rate_limited') break;
    }
    if (revoked.length === 0) return ok(undefined);
    const at = this.deps.clock.now();
    return this.saveBlob.execute<void, never>(account, async (doc) =>
      ok({ doc: pruneRevokedDropTokens(markDropTokensRevoked(doc, revoked, at), at), value: undefined }),
    );
  }
}
