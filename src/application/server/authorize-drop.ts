import { DropToken } from '../../domain/home-server/drop-token';
import { ServerErrorCode } from '../../domain/protocol/server-error-codes';
import { err, ok, Result } from '../../domain/protocol/result';
import { ServerDependencies } from './server-dependencies';

/** Far above a real token's 43 characters; anything longer is not worth hashing. */
const MAX_DROP_TOKEN_LENGTH = 256;

export interface AuthorizeDropInput {
  /** The recipient. */
  readonly name: string;
  /** The bearer drop token, or null when the request carried none. */
  readonly dropToken: string | null;
  /** Only a drop token of the recipient, even when its inbox is open (dropped objects, PROTOCOL §9.2). */
  readonly tokenOnly?: boolean;
}

/** Who may drop: a drop token of this recipient (its id), or nobody in particular into an open inbox. */
export interface DropGrant {
  readonly tokenId: string | null;
}

export type AuthorizeDropError = Extract<ServerErrorCode, 'account/not-found' | 'auth/unauthorized'>;

export type AuthorizeDropDeps = Pick<ServerDependencies, 'accounts' | 'dropTokens' | 'tokenHasher'>;

/**
 * Whether a drop to this recipient is allowed, before anything is read from its body: a token of
 * anyone else is unknown here, and no token only opens an open inbox.
 */
export class AuthorizeDrop {
  constructor(private readonly deps: AuthorizeDropDeps) {}

  async execute(input: AuthorizeDropInput): Promise<Result<DropGrant, AuthorizeDropError>> {
    const account = await this.deps.accounts.find(input.name);
    if (!account || account.disabled) return err('account/not-found');
    if (input.dropToken === null) return account.openInbox && !input.tokenOnly ? ok({ tokenId: null }) : err('auth/unauthorized');
    const token = await this.findToken(input.name, input.dropToken);
    return token ? ok({ tokenId: token.id }) : err('auth/unauthorized');
  }

  private async findToken(owner: string, secret: string): Promise<DropToken | null> {
    if (secret.length === 0 || secret.length > MAX_DROP_TOKEN_LENGTH) return null;
    return this.deps.dropTokens.findByHash(owner, this.deps.tokenHasher.sha256Hex(secret));
  }
}
