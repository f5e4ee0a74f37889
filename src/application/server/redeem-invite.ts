import { InviteRepository } from '../ports/invite-repository';
import { InviteVerifier } from './invite-verifier';
import { ServerDependencies } from './server-dependencies';

export type RedeemInviteDeps = Pick<ServerDependencies, 'clock' | 'tokenHasher'> & {
  readonly inviteRepository: InviteRepository;
};

/** What RegisterAccount asks when registration is `invite`: uses a stored code up, once. */
export class RedeemInvite implements InviteVerifier {
  constructor(private readonly deps: RedeemInviteDeps) {}

  async redeem(code: string): Promise<boolean> {
    return this.deps.inviteRepository.redeem(this.deps.tokenHasher.sha256Hex(code), this.deps.clock.now());
  }
}
