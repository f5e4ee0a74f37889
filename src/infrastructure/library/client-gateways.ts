import { FetchHomeServerGatewayFactory } from '../../adapters/gateway/fetch-home-server-gateway';
import { LoopbackAwareGatewayFactory } from '../../adapters/web/loopback-aware-gateways';
import { HomeServerGatewayFactory } from '../../application/ports/home-server-gateway';

/**
 * https to every home server and plain http to loopback ones (PROTOCOL §2); with `allowHttp`,
 * plain http to every home server (a test network without certificates).
 */
export const gatewaysFor = ({ allowHttp }: { readonly allowHttp: boolean }): HomeServerGatewayFactory =>
  allowHttp ? new FetchHomeServerGatewayFactory({ allowHttp: true }) : new LoopbackAwareGatewayFactory();
