import { Invite } from '../../ports/invite-repository';
import { ok, Result } from '../../../domain/protocol/result';
import { AdminDependencies } from './admin-dependencies';

export type InviteStatus = 'unused' | 'redeemed' | 'expired';

export interface InviteView {
  readonly id: string;
  readonly createdAt: number;
  readonly expiresAt: number | null;
  readonly redeemedAt: number | null;
  readonly status: InviteStatus;
}

export const inviteStatus = (invite: Invite, now: number): InviteStatus => {
  if (invite.redeemedAt !== null) return 'redeemed';
  return invite.expiresAt !== null && now >= invite.expiresAt ? 'expired' : 'unused';
};

export type ListInvitesDeps = Pick<AdminDependencies, 'inviteRepository' | 'clock'>;

/** Every invite and whether it can still be used; codes are not stored, so not shown. */
export class ListInvites {
  constructor(private readonly deps: ListInvitesDeps) {}

  async execute(): Promise<Result<InviteView[], never>> {
    const now = this.deps.clock.now();
    const invites = await this.deps.inviteRepository.list();
    return ok(
      invites.map((invite) => ({
        id: invite.id,
        createdAt: invite.createdAt,
        expiresAt: invite.expiresAt,
        redeemedAt: invite.redeemedAt,
        status: inviteStatus(invite, now),
      })),
    );
  }
}
