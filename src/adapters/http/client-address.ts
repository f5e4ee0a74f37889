import { ipv6Network64 } from '../../domain/protocol/ipv6';

const IPV4_MAPPED = /^::ffff:(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/i;

/**
 * What per-client limits count: an IPv4 address as it is (also when Node reports it IPv4-mapped),
 * an IPv6 address by its /64, since one subscriber can pick any of the 2^64 addresses in it.
 */
export const clientKeyOf = (address: string): string => {
  const mapped = IPV4_MAPPED.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!address.includes(':')) return address;
  return ipv6Network64(address.replace(/%.*$/, '')) ?? address;
};
