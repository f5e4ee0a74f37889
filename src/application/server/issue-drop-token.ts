import { encodeBase64Url } from '../../domain/base64url';
import { ok, Result } from '../../domain/result';
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

export type IssueDropTokenDeps = Pick<ServerDependencies, 'dropTokens' | 'tokenHasher' | 'random' | 'ids' | 'clock'>;

export class IssueDropToken {
  constructor(private readonly deps: IssueDropTokenDeps) {}

  async execute(input: IssueDropTokenInput): Promise<Result<IssueDropTokenOutput, never>> {
    const token = encodeBase64Url(this.deps.random.bytes(DROP_TOKEN_BYTES));
    const id = this.deps.ids.next();
    await this.deps.dropTokens.create({
      id,
      owner: input.name,
      hash: this.deps.tokenHasher.sha256Hex(token),
      createdAt: this.deps.clock.now(),
      lastUsedAt: null,
      uses: 0,
    });
    return ok({ id, token });
  }
}
