import { FetchHomeServerGatewayFactory } from '../../adapters/gateway/fetch-home-server-gateway';
import { LoopbackAwareGatewayFactory } from '../../adapters/web/loopback-aware-gateways';
import { HomeServerGatewayFactory } from '../../application/ports/home-server-gateway';

/**
 * https to every home server and plain http to loopback ones (PROTOCOL §2), unless a register or
 * logIn call passes `allowHttp: true`, which allows http to that account's servers everywhere.
 */
export const gatewaysFor = ({ allowHttp }: { readonly allowHttp: boolean }): HomeServerGatewayFactory =>
  allowHttp ? new FetchHomeServerGatewayFactory({ allowHttp: true }) : new LoopbackAwareGatewayFactory();
