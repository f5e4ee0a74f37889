import { DropToken } from '../../domain/drop-token';
import { ServerErrorCode } from '../../domain/errors';
import { err, Result } from '../../domain/result';
import { utf8ByteLength } from '../../domain/text-size';
import { deliverToInbox } from './deliver-to-inbox';
import { ServerDependencies } from './server-dependencies';

/** Far above a real token's 43 characters; anything longer is not worth hashing. */
const MAX_DROP_TOKEN_LENGTH = 256;

export interface DropMessageInput {
  /** The recipient. */
  readonly name: string;
  /** The bearer drop token, or null when the request carried none. */
  readonly dropToken: string | null;
  /** The envelope, already validated and serialized as JSON text by the HTTP layer. */
  readonly envelope: string;
}

export interface DropMessageOutput {
  readonly id: string;
}

export type DropMessageError = Extract<
  ServerErrorCode,
  'account/not-found' | 'auth/unauthorized' | 'inbox/envelope-too-large' | 'inbox/full'
>;

export type DropMessageDeps = Pick<
  ServerDependencies,
  'accounts' | 'dropTokens' | 'tokenHasher' | 'inbox' | 'notifier' | 'ids' | 'clock' | 'policy'
>;

/**
 * A friend's drop, authorized by a drop token of this recipient (a token of anyone else is
 * unknown here), or by nothing when the recipient's inbox is open.
 */
export class DropMessage {
  constructor(private readonly deps: DropMessageDeps) {}

  async execute(input: DropMessageInput): Promise<Result<DropMessageOutput, DropMessageError>> {
    const account = await this.deps.accounts.find(input.name);
    if (!account || account.disabled) return err('account/not-found');
    const token = input.dropToken === null ? null : await this.findToken(input.name, input.dropToken);
    const authorized = input.dropToken === null ? account.openInbox : token !== null;
    if (!authorized) return err('auth/unauthorized');
    if (utf8ByteLength(input.envelope) > this.deps.policy.envelopeBytes) return err('inbox/envelope-too-large');

    return deliverToInbox(this.deps, { owner: input.name, kind: 'drop', envelope: input.envelope, tokenId: token?.id ?? null });
  }

  private async findToken(owner: string, secret: string): Promise<DropToken | null> {
    if (secret.length === 0 || secret.length > MAX_DROP_TOKEN_LENGTH) return null;
    return this.deps.dropTokens.findByHash(owner, this.deps.tokenHasher.sha256Hex(secret));
  }
}
