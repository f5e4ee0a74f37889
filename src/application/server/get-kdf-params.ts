import { KDF_DEFAULT, KDF_SALT_BYTES, KdfParams } from '../../domain/protocol/account-rules';
import { encodeB64u } from '../../domain/protocol/encoding/b64u';
import { ok, Result } from '../../domain/protocol/result';
import { ServerDependencies } from './server-dependencies';

export interface GetKdfParamsInput {
  readonly name: string;
}

export type GetKdfParamsDeps = Pick<ServerDependencies, 'accounts' | 'keyring'>;

/**
 * The parameters a client needs to derive its keys before login. An unknown name gets a decoy that
 * is stable per name (HMAC of the server secret), so the answer does not reveal whether it exists.
 */
export class GetKdfParams {
  constructor(private readonly deps: GetKdfParamsDeps) {}

  async execute(input: GetKdfParamsInput): Promise<Result<KdfParams, never>> {
    // The decoy is computed for every name so both answers cost about the same.
    const decoySalt = (await this.deps.keyring.mac('kdf-decoy', input.name)).slice(0, KDF_SALT_BYTES);
    const account = await this.deps.accounts.find(input.name);
    if (account) return ok({ ...account.kdf });
    return ok({ algorithm: 'argon2id', salt: encodeB64u(decoySalt), ...KDF_DEFAULT });
  }
}
