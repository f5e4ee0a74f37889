import { parseAuthority } from '../../domain/messaging/address';
import { ACCOUNT_NAME_PATTERN, formatAddress } from '../../domain/protocol/account-rules';
import { err, ok, type Result } from '../../domain/protocol/result';
import { tooLongBy } from './too-long';

/*
 * The address fields of the forms. They check with the client's own parser (domain/messaging/address),
 * so what a form accepts is the canonical address the client uses later: `host:443` becomes `host`,
 * IPv6 is compressed, and nothing the form lets through fails later with another message.
 */

export interface AddressParts {
  readonly name: string;
  readonly server: string;
}

export const normalizeName = (name: string): string => name.trim().toLowerCase();

/** Accepts what people paste: a URL with scheme and trailing slash becomes `host[:port]`. */
export function normalizeServer(server: string): string {
  return server
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/\/.*$/, '');
}

/** Said while the name is longer than any account's, as typed or pasted. */
export const nameTooLong = (name: string): string | null => tooLongBy(normalizeName(name), 32, 'a name');

export function checkName(name: string): Result<string, string> {
  const normalized = normalizeName(name);
  if (normalized === '') return err('Enter a name.');
  const tooLong = nameTooLong(normalized);
  if (tooLong !== null) return err(tooLong);
  if (!ACCOUNT_NAME_PATTERN.test(normalized)) {
    return err('Use 2 to 32 lowercase letters, digits, dots, dashes or underscores, starting with a letter or digit.');
  }
  return ok(normalized);
}

export function checkServer(server: string): Result<string, string> {
  const normalized = normalizeServer(server);
  if (normalized === '') return err('Enter the server, for example chat.example.org.');
  const authority = parseAuthority(normalized);
  if (!authority.ok) return err('Enter a host name, optionally with a port, for example chat.example.org or 127.0.0.1:8080.');
  return ok(authority.value);
}

/** The server part of an address the client already checked (`name@server`). */
export const serverOf = (address: string): string => address.slice(address.lastIndexOf('@') + 1);

export function splitAddress(address: string): AddressParts | null {
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return null;
  return { name: address.slice(0, at), server: address.slice(at + 1) };
}

export function checkAddress(address: string): Result<string, string> {
  const parts = splitAddress(address.trim());
  if (parts === null) return err('Enter an address like name@server, for example bob@chat.example.org.');
  const name = checkName(parts.name);
  if (!name.ok) return name;
  const server = checkServer(parts.server);
  if (!server.ok) return server;
  return ok(formatAddress({ name: name.value, authority: server.value }));
}

export interface AddressCheck {
  /** `name@server`, canonical, when both parts are valid. */
  readonly address: string | null;
  readonly errors: { readonly name: string | null; readonly server: string | null };
}

/** The address typed as two fields (log-in, account creation), with an error per field. */
export function checkAddressParts(parts: AddressParts): AddressCheck {
  // People think of their address as one thing and type all of it where the name goes.
  const name = parts.name.includes('@') ? err('Only the name goes here, the part before the @: the server has its own field.') : checkName(parts.name);
  const server = checkServer(parts.server);
  return {
    address: name.ok && server.ok ? formatAddress({ name: name.value, authority: server.value }) : null,
    errors: { name: name.ok ? null : name.error, server: server.ok ? null : server.error },
  };
}
