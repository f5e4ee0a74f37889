import { ACCOUNT_NAME_PATTERN, Address, formatAddress } from '../protocol/account-rules';
import { err, ok, Result } from '../protocol/result';
import { canonicalIpv6 } from '../protocol/ipv6';

export type AddressError = 'address/invalid';

const HTTPS_DEFAULT_PORT = 443;
const MAX_ADDRESS_LENGTH = 320;
const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const NUMERIC_LABEL = /^(0x[0-9a-f]*|[0-9]+)$/;
const IPV4 = /^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$/;
const PORT = /^[0-9]{1,5}$/;

/** A home server's authority as typed (`host`, `host:port`, `[IPv6]:port`), canonical: lowercase, no port 443. */
export const parseAuthority = (text: string): Result<string, AddressError> => {
  const authority = canonicalAuthority(text.trim().toLowerCase());
  return authority === null ? err('address/invalid') : ok(authority);
};

export const parseAddress = (text: string): Result<Address, AddressError> => {
  const trimmed = text.trim().toLowerCase();
  if (trimmed.length > MAX_ADDRESS_LENGTH) return err('address/invalid');
  const parts = trimmed.split('@');
  if (parts.length !== 2) return err('address/invalid');
  const [name = '', rawAuthority = ''] = parts;
  if (!ACCOUNT_NAME_PATTERN.test(name)) return err('address/invalid');
  const authority = canonicalAuthority(rawAuthority);
  return authority === null ? err('address/invalid') : ok({ name, authority });
};

export const canonicalizeAddress = (text: string): Result<string, AddressError> => {
  const parsed = parseAddress(text);
  return parsed.ok ? ok(formatAddress(parsed.value)) : parsed;
};

const canonicalAuthority = (authority: string): string | null => {
  const split = splitHostPort(authority);
  if (split === null) return null;
  const host = canonicalHost(split.host);
  if (host === null) return null;
  if (split.port === null) return host;
  const port = canonicalPort(split.port);
  if (port === null) return null;
  return port === HTTPS_DEFAULT_PORT ? host : `${host}:${port}`;
};

const splitHostPort = (authority: string): { host: string; port: string | null } | null => {
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close < 0) return null;
    const rest = authority.slice(close + 1);
    if (rest === '') return { host: authority.slice(0, close + 1), port: null };
    return rest.startsWith(':') ? { host: authority.slice(0, close + 1), port: rest.slice(1) } : null;
  }
  const colon = authority.indexOf(':');
  if (colon < 0) return { host: authority, port: null };
  return { host: authority.slice(0, colon), port: authority.slice(colon + 1) };
};

const canonicalHost = (host: string): string | null => {
  if (host.startsWith('[')) {
    const ipv6 = canonicalIpv6(host.slice(1, -1));
    return ipv6 === null ? null : `[${ipv6}]`;
  }
  if (host.length === 0 || host.length > 253) return null;
  const labels = host.split('.');
  if (!labels.every((label) => DNS_LABEL.test(label))) return null;
  // A URL parser reads a host whose last label is numeric as an IPv4 address (WHATWG URL),
  // so such a host is only accepted in plain dotted-quad form.
  const last = labels[labels.length - 1] ?? '';
  if (NUMERIC_LABEL.test(last)) return IPV4.test(host) ? host : null;
  return host;
};

const canonicalPort = (port: string): number | null => {
  if (!PORT.test(port)) return null;
  const value = Number(port);
  return value >= 1 && value <= 65535 ? value : null;
};
