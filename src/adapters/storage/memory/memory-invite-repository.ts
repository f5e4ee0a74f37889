import { Invite, InviteRepository } from '../../../application/ports/invite-repository';

/** Invites live beside the rest of the memory state: a server restart forgets them like everything else. */
export class MemoryInviteRepository implements InviteRepository {
  private readonly invites = new Map<string, Invite>();

  async create(invite: Invite): Promise<void> {
    if (this.invites.has(invite.id)) throw new Error(`invite ${invite.id} already exists`);
    this.invites.set(invite.id, { ...invite });
  }

  async list(): Promise<Invite[]> {
    return [...this.invites.values()].sort((a, b) => a.createdAt - b.createdAt).map((invite) => ({ ...invite }));
  }

  async redeem(codeHash: string, now: number): Promise<boolean> {
    for (const invite of this.invites.values()) {
      if (invite.codeHash !== codeHash) continue;
      const usable = invite.redeemedAt === null && (invite.expiresAt === null || now < invite.expiresAt);
      if (usable) this.invites.set(invite.id, { ...invite, redeemedAt: now });
      return usable;
    }
    return false;
  }

  async delete(id: string): Promise<boolean> {
    return this.invites.delete(id);
  }
}
