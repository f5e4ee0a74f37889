import { encodeB64u } from '../../domain/protocol/encoding/b64u';
import { err, ok, Result } from '../../domain/protocol/result';
import { ServerDependencies } from './server-dependencies';

/** 256 bits: comfortably above PROTOCOL §5's 128-bit minimum. */
export const DROP_TOKEN_BYTES = 32;

export interface IssueDropTokenInput {
  readonly name: string;
}

export interface IssueDropTokenOutput {
  readonly id: string;
  /** The secret, b64u; shown once, only its SHA-256 is stored. */
  readonly token: string;
}

export type IssueDropTokenDeps = Pick<ServerDependencies, 'accounts' | 'dropTokens' | 'tokenHasher' | 'random' | 'ids' | 'clock'>;

export class IssueDropToken {
  constructor(private readonly deps: IssueDropTokenDeps) {}

  async execute(input: IssueDropTokenInput): Promise<Result<IssueDropTokenOutput, 'account/not-found'>> {
    const token = encodeB64u(this.deps.random.bytes(DROP_TOKEN_BYTES));
    const id = this.deps.ids.next();
    await this.deps.dropTokens.create({
      id,
      owner: input.name,
      hash: this.deps.tokenHasher.sha256Hex(token),
      createdAt: this.deps.clock.now(),
      lastUsedAt: null,
      uses: 0,
    });
    // The owner may have been deleted since the session was checked: then the token was never stored.
    if (!(await this.deps.accounts.find(input.name))) {
      await this.deps.dropTokens.revoke(input.name, id);
      return err('account/not-found');
    }
    return ok({ id, token });
  }
}
