/**
 * The largest proof-of-work `maxNumber` a client agrees to search (about 2 million SHA-256 on
 * average, seconds in a browser tab). A server asking for more is refused, not obeyed: otherwise
 * a hostile server could keep a client hashing forever. Servers raising the work under load stay
 * at or below it.
 */
export const POW_MAX_NUMBER_CEILING = 4_000_000;
