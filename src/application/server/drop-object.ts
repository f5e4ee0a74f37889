import { ServerErrorCode } from '../../domain/protocol/server-error-codes';
import { encodeB64u } from '../../domain/protocol/encoding/b64u';
import { err, ok, Result } from '../../domain/protocol/result';
import { AuthorizeDrop } from './authorize-drop';
import { ServerDependencies } from './server-dependencies';

/** 16 random bytes: 22 characters of b64u, like the ids clients choose (§8.1). */
const OBJECT_ID_BYTES = 16;
/** A fresh id meets one the account holds with odds of 2^-128 per object; a few tries end any doubt. */
const ID_ATTEMPTS = 3;

export interface DropObjectInput {
  /** The recipient. */
  readonly name: string;
  /** The bearer drop token, or null when the request carried none. */
  readonly dropToken: string | null;
  readonly data: Uint8Array;
}

export interface DropObjectOutput {
  /** Chosen by the server: unique within the recipient's account, never one of its store ids. */
  readonly id: string;
}

export type DropObjectError = Extract<ServerErrorCode, 'account/not-found' | 'auth/unauthorized' | 'object/too-large' | 'inbox/full'>;

export type DropObjectDeps = Pick<ServerDependencies, 'accounts' | 'dropTokens' | 'tokenHasher' | 'inbox' | 'random' | 'clock' | 'policy'>;

/**
 * A file chunk a friend leaves in the recipient's inbox partition (PROTOCOL §9.2). Only with a
 * drop token of the recipient: an open inbox or a captcha never admits bytes this large, so that
 * strangers cannot fill an inbox with them.
 */
export class DropObject {
  private readonly authorizeDrop: AuthorizeDrop;

  constructor(private readonly deps: DropObjectDeps) {
    this.authorizeDrop = new AuthorizeDrop(deps);
  }

  async execute(input: DropObjectInput): Promise<Result<DropObjectOutput, DropObjectError>> {
    const grant = await this.authorizeDrop.execute({ name: input.name, dropToken: input.dropToken, tokenOnly: true });
    if (!grant.ok) return grant;
    const { tokenId } = grant.value;
    // Never null with `tokenOnly`; checked again so the type says so.
    if (tokenId === null) return err('auth/unauthorized');
    if (input.data.length > this.deps.policy.store.objectBytes) return err('object/too-large');

    for (let attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
      const id = encodeB64u(this.deps.random.bytes(OBJECT_ID_BYTES));
      const dropped = await this.deps.inbox.dropObject(
        { owner: input.name, id, tokenId, data: input.data, receivedAt: this.deps.clock.now() },
        this.deps.policy.quotas,
      );
      if (dropped.ok) return ok({ id });
      if (dropped.error !== 'object/exists') return err(dropped.error);
    }
    throw new Error(`no fresh object id for ${input.name} in ${ID_ATTEMPTS} attempts: the random source repeats itself`);
  }
}
