import { ok, Result } from '../../../domain/protocol/result';
import { HomeServerGateway } from '../../ports/home-server-gateway';
import type { WellKnownBody } from '../../../domain/protocol/wire';
import { resolveAddress, ResolvedAddress } from './account-address';
import { ClientDependencies, reportProgress } from '../client-dependencies';
import { ClientError, fromGateway } from '../client-error';
import { ProgressListener } from '../messenger';

export interface ContactedHomeServer extends ResolvedAddress {
  readonly gateway: HomeServerGateway;
  readonly discovery: WellKnownBody;
}

/** The first steps of logging in and registering: parse the address, then discover its home server. */
export const contactHomeServer = async (
  deps: Pick<ClientDependencies, 'gateways'>,
  addressText: string,
  progress: ProgressListener | undefined,
): Promise<Result<ContactedHomeServer, ClientError>> => {
  const resolved = resolveAddress(addressText);
  if (!resolved.ok) return resolved;
  const gateway = deps.gateways.forServer(resolved.value.authority);

  reportProgress(progress, 'contacting-server');
  const discovery = await gateway.discover();
  if (!discovery.ok) return fromGateway(discovery.error, `Cannot reach ${resolved.value.authority}`);
  return ok({ ...resolved.value, gateway, discovery: discovery.value });
};
