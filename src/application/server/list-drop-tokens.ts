import { ok, Result } from '../../domain/protocol/result';
import { ServerDependencies } from './server-dependencies';

export interface ListDropTokensInput {
  readonly name: string;
}

/** What the owner sees of a token: never its hash. */
export interface DropTokenView {
  readonly id: string;
  readonly createdAt: number;
  readonly lastUsedAt: number | null;
  readonly uses: number;
}

export type ListDropTokensDeps = Pick<ServerDependencies, 'dropTokens'>;

export class ListDropTokens {
  constructor(private readonly deps: ListDropTokensDeps) {}

  async execute(input: ListDropTokensInput): Promise<Result<DropTokenView[], never>> {
    const tokens = await this.deps.dropTokens.list(input.name);
    return ok(tokens.map(({ id, createdAt, lastUsedAt, uses }) => ({ id, createdAt, lastUsedAt, uses })));
  }
}
