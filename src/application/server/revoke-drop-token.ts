import { err, ok, Result } from '../../domain/protocol/result';
import { ServerDependencies } from './server-dependencies';

export interface RevokeDropTokenInput {
  readonly name: string;
  readonly id: string;
}

export type RevokeDropTokenDeps = Pick<ServerDependencies, 'dropTokens'>;

export class RevokeDropToken {
  constructor(private readonly deps: RevokeDropTokenDeps) {}

  async execute(input: RevokeDropTokenInput): Promise<Result<void, 'drop-token/not-found'>> {
    const revoked = await this.deps.dropTokens.revoke(input.name, input.id);
    return revoked ? ok(undefined) : err('drop-token/not-found');
  }
}
