import { ServerErrorCode } from '../../domain/protocol/server-error-codes';
import { err, Result } from '../../domain/protocol/result';
import { utf8ByteLength } from '../../domain/protocol/text-size';
import { AuthorizeDrop } from './authorize-drop';
import { deliverToInbox } from './deliver-to-inbox';
import { ServerDependencies } from './server-dependencies';

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
 * No UTF-16 code unit takes more than 3 bytes in UTF-8, so a text of at most a third of the limit
 * in length needs no exact count: that is every ordinary drop (a few KiB against 64 KiB), and the
 * count cost more than the rest of the use case's own work.
 */
const exceedsBytes = (text: string, limit: number): boolean => text.length * 3 > limit && utf8ByteLength(text) > limit;

/**
 * A friend's drop, authorized by a drop token of this recipient (a token of anyone else is
 * unknown here), or by nothing when the recipient's inbox is open.
 */
export class DropMessage {
  private readonly authorizeDrop: AuthorizeDrop;

  constructor(private readonly deps: DropMessageDeps) {
    this.authorizeDrop = new AuthorizeDrop(deps);
  }

  async execute(input: DropMessageInput): Promise<Result<DropMessageOutput, DropMessageError>> {
    const grant = await this.authorizeDrop.execute(input);
    if (!grant.ok) return grant;
    if (exceedsBytes(input.envelope, this.deps.policy.envelopeBytes)) return err('inbox/envelope-too-large');

    return deliverToInbox(this.deps, { owner: input.name, kind: 'drop', envelope: input.envelope, tokenId: grant.value.tokenId });
  }
}
