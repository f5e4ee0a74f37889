import { Invite, InviteRepository } from '../ports/invite-repository';
import { encodeB64u } from '../../domain/protocol/encoding/b64u';
import { err, ok, Result } from '../../domain/protocol/result';
import { ServerDependencies } from './server-dependencies';

export interface CreateInvitesInput {
  readonly count: number;
  /** How long each code stays usable; null: until used. */
  readonly validForMs: number | null;
}

/** A fresh invite with its code: the only moment the code exists in the clear. */
export interface CreatedInvite {
  readonly id: string;
  readonly code: string;
  readonly expiresAt: number | null;
}

export const MAX_INVITES_PER_CALL = 1000;
const INVITE_CODE_BYTES = 16;

export type CreateInvitesDeps = Pick<ServerDependencies, 'random' | 'ids' | 'clock' | 'tokenHasher'> & {
  readonly inviteRepository: InviteRepository;
};

/** Single-use registration codes for `STARBASE_REGISTRATION=invite`; only their hashes are stored. */
export class CreateInvites {
  constructor(private readonly deps: CreateInvitesDeps) {}

  async execute(input: CreateInvitesInput): Promise<Result<CreatedInvite[], 'input/invalid'>> {
    const validCount = Number.isInteger(input.count) && input.count >= 1 && input.count <= MAX_INVITES_PER_CALL;
    const validTtl = input.validForMs === null || (Number.isSafeInteger(input.validForMs) && input.validForMs > 0);
    if (!validCount || !validTtl) return err('input/invalid');

    const now = this.deps.clock.now();
    const expiresAt = input.validForMs === null ? null : now + input.validForMs;
    const created: CreatedInvite[] = [];
    for (let i = 0; i < input.count; i += 1) {
      const code = encodeB64u(this.deps.random.bytes(INVITE_CODE_BYTES));
      const invite: Invite = {
        id: this.deps.ids.next(),
        codeHash: this.deps.tokenHasher.sha256Hex(code),
        createdAt: now,
        expiresAt,
        redeemedAt: null,
      };
      await this.deps.inviteRepository.create(invite);
      created.push({ id: invite.id, code, expiresAt });
    }
    return ok(created);
  }
}
