/**
 * X25519 public keys of small order (RFC 7748 §7, libsodium's `has_small_order` list), as
 * little-endian hex. A DH with any of them yields a predictable shared secret.
 */
export const LOW_ORDER_X25519_POINTS_HEX: readonly string[] = [
  // 0 (order 4)
  '0000000000000000000000000000000000000000000000000000000000000000',
  // 1 (order 1)
  '0100000000000000000000000000000000000000000000000000000000000000',
  // 325606250916557431795983626356110631294008115727848805560023387167927233504 (order 8)
  'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800',
  // 39382357235489614581723060781553021112529911719440698176882885853963445705823 (order 8)
  '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157',
  // p - 1 (order 2)
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  // p, i.e. 0 (order 4)
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  // p + 1, i.e. 1 (order 1)
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
];

export const X25519_KEY_BYTES = 32;

/**
 * True for a low-order point. X25519 ignores bit 255 (RFC 7748 §5), so it is cleared before
 * comparing: otherwise setting it would sneak each listed point past the check.
 */
export const isLowOrderX25519Point = (key: Uint8Array): boolean => {
  if (key.length !== X25519_KEY_BYTES) return false;
  const masked = Array.from(key, (byte, index) => (index === X25519_KEY_BYTES - 1 ? byte & 0x7f : byte));
  const hex = masked.map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return LOW_ORDER_X25519_POINTS_HEX.includes(hex);
};

/**
 * The one spelling of an X25519 public key: a u-coordinate below p = 2^255 - 19, so bit 255 is
 * clear. X25519 masks bit 255 and reduces u mod p, so without this one key would have several
 * spellings that compare unequal as strings (a profile check, an identity alert, a safety number).
 */
export const isCanonicalX25519Key = (key: Uint8Array): boolean => {
  if (key.length !== X25519_KEY_BYTES) return false;
  if ((key[X25519_KEY_BYTES - 1] ?? 0) > 0x7f) return false;
  const belowP = (key[X25519_KEY_BYTES - 1] ?? 0) < 0x7f || key.subarray(1, X25519_KEY_BYTES - 1).some((byte) => byte !== 0xff) || (key[0] ?? 0) < 0xed;
  return belowP;
};

/** PROTOCOL §4: an identity key is exactly 32 bytes, canonical, and not a low-order point. */
export const isAcceptableIdentityKey = (key: Uint8Array): boolean =>
  key.length === X25519_KEY_BYTES && isCanonicalX25519Key(key) && !isLowOrderX25519Point(key);
