/**
 * An IPv6 address in the form URL parsers print (RFC 5952 style: lowercase hex, no leading
 * zeros, the longest run of two or more zero groups shortened to "::"), or null if invalid.
 * Zone ids are not accepted: they are meaningless outside one machine.
 */
export const canonicalIpv6 = (text: string): string | null => {
  const groups = parseGroups(text);
  return groups === null ? null : formatGroups(groups);
};

/**
 * The /64 network of an IPv6 address (`2001:db8:1:2::/64`), or null if invalid: one subscriber
 * usually gets a whole /64, so per-client limits count the network, not each of its addresses.
 */
export const ipv6Network64 = (text: string): string | null => {
  const groups = parseGroups(text.toLowerCase());
  return groups === null ? null : `${formatGroups([...groups.slice(0, 4), 0, 0, 0, 0])}/64`;
};

const HEX_GROUP = /^[0-9a-f]{1,4}$/;
const IPV4_TAIL = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

const parseGroups = (text: string): number[] | null => {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = parsePart(halves[0] ?? '', halves.length === 1);
  const tail = halves.length === 2 ? parsePart(halves[1] ?? '', true) : [];
  if (head === null || tail === null) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const missing = 8 - head.length - tail.length;
  return missing >= 1 ? [...head, ...new Array<number>(missing).fill(0), ...tail] : null;
};

const parsePart = (part: string, mayEndWithIpv4: boolean): number[] | null => {
  if (part === '') return [];
  const pieces = part.split(':');
  const groups: number[] = [];
  for (const [index, piece] of pieces.entries()) {
    const isLast = index === pieces.length - 1;
    const ipv4 = isLast && mayEndWithIpv4 ? IPV4_TAIL.exec(piece) : null;
    if (ipv4) {
      const octets = ipv4.slice(1).map(Number);
      if (octets.some((octet) => octet > 255)) return null;
      const [a = 0, b = 0, c = 0, d = 0] = octets;
      groups.push(a * 256 + b, c * 256 + d);
    } else if (HEX_GROUP.test(piece)) {
      groups.push(parseInt(piece, 16));
    } else {
      return null;
    }
  }
  return groups;
};

const formatGroups = (groups: number[]): string => {
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < groups.length; start++) {
    let length = 0;
    while (groups[start + length] === 0) length++;
    if (length > bestLength) {
      bestStart = start;
      bestLength = length;
    }
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
};
