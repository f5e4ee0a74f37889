/** Characters that would smuggle a path, query, fragment or userinfo into an authority. */
const NOT_AN_AUTHORITY = /[/?#@\\\s]/;

/**
 * PROTOCOL §2: the base URL of the home server at `authority` (host[:port]): https, or http when
 * the client is configured to allow it. Throws on anything that is not a bare authority, since
 * addresses are validated before a gateway is made for them.
 */
export const baseUrlForAuthority = (authority: string, allowHttp: boolean): string => {
  if (authority === '' || NOT_AN_AUTHORITY.test(authority)) {
    throw new RangeError(`not a server authority: ${JSON.stringify(authority)}`);
  }
  const scheme = allowHttp ? 'http' : 'https';
  let url: URL;
  try {
    url = new URL(`${scheme}://${authority}`);
  } catch (cause) {
    throw new RangeError(`not a server authority: ${JSON.stringify(authority)}`, { cause });
  }
  return url.origin;
};
