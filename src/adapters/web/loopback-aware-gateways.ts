import type { HomeServerGateway, HomeServerGatewayFactory } from '../../application/ports/home-server-gateway';
import { FetchHomeServerGatewayFactory } from '../gateway/fetch-home-server-gateway';

/** `host[:port]` names this machine: the only place plain http is acceptable (PROTOCOL §2). */
export function isLoopbackAuthority(authority: string): boolean {
  const host = authority.startsWith('[') ? authority.slice(0, authority.indexOf(']') + 1) : authority.replace(/:\d+$/, '');
  return host === 'localhost' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * https for every home server, plain http only for loopback ones (local servers and tests) — the
 * same line the server's Content-Security-Policy draws for `connect-src`.
 */
export class LoopbackAwareGatewayFactory implements HomeServerGatewayFactory {
  private readonly secure = new FetchHomeServerGatewayFactory();
  private readonly loopback = new FetchHomeServerGatewayFactory({ allowHttp: true });

  forServer(authority: string): HomeServerGateway {
    return (isLoopbackAuthority(authority) ? this.loopback : this.secure).forServer(authority);
  }
}
