import fc from 'fast-check';

/** Building blocks of hostile input: values, strings, mutations of a well-formed JSON body. */

const b64u = (bytes: number): fc.Arbitrary<string> =>
  fc.uint8Array({ minLength: bytes, maxLength: bytes }).map((value) => Buffer.from(value).toString('base64url'));

/** Percent-encodes every UTF-8 byte (lone surrogates included, which encodeURIComponent refuses). */
const percentEncoded = (text: string): string => [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');

/** Canonical base64url of exactly `bytes` bytes. */
export const validB64u = b64u;

/** An X25519-shaped public key (bit 255 clear). */
export const validPublicKey = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((key) => {
  const copy = Buffer.from(key);
  copy[31] = copy[31]! & 0x7f;
  return copy.toString('base64url');
});

export const validName = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{1,31}$/);

/** Looks like base64url but is not canonical, has the wrong alphabet, padding, or an impossible length. */
export const badB64u: fc.Arbitrary<string> = fc.oneof(
  b64u(32).map((text) => `${text}=`),
  b64u(32).map((text) => text.replace(/[A-Za-z]/, '+')),
  b64u(32).map((text) => text.replace(/[A-Za-z]/, '/')),
  b64u(32).map((text) => `${text.slice(0, -1)}${text.endsWith('A') ? 'B' : 'A'}`),
  b64u(31).map((text) => `${text}A`),
  b64u(12).map((text) => text.slice(0, 5)),
  fc.constantFrom('', 'A', '====', '%%%%', ' AAAA', 'AAAA\n', 'AA AA', '\u0000', 'ＡＡＡＡ'),
);

const HUGE_SIZES = [1_000, 17_000, 70_000, 300_000];

/** Strings that are long enough to trip every size check (and the body limit). */
export const hugeString = fc.tuple(fc.constantFrom(...HUGE_SIZES), fc.constantFrom('A', 'é', '💥', '\\', '"', '0')).map(
  ([length, unit]) => unit.repeat(Math.ceil(length / unit.length)),
);

/** Names and texts from all of Unicode: RTL marks, NUL, homoglyphs, lone surrogates, emoji. */
export const unicodeText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('ａｌｉｃｅ', 'alice\u0000', 'al\u202eice', 'ALICE', 'alice ', ' alice', 'ali\u0301ce', '\ud800', '🦄🦄', 'alice@example.org', '../etc/passwd', 'a'.repeat(33)),
);

/** A value of any JSON type, including the extreme ones. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 53 + 2, -(2 ** 63), Number.MAX_VALUE, '', '0', 'true', 'null', [], {}, [null], { '': '' }),
  fc.jsonValue({ maxDepth: 2 }),
  unicodeText,
  badB64u,
);

/** Keys that smell of prototype pollution, plus random ones. */
export const extraKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'extra', 'toString', '', ' name', 'Name', 'authKey '),
  fc.string({ maxLength: 12 }),
);

type Path = ReadonlyArray<string | number>;

const pathsOf = (value: unknown, prefix: Path = []): Path[] => {
  if (typeof value !== 'object' || value === null) return [prefix];
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, item]) => pathsOf(item, [...prefix, key]))];
};

const clone = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

const containerAt = (root: unknown, path: Path): Record<string | number, unknown> | null => {
  let node = root;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return null;
    node = (node as Record<string | number, unknown>)[key];
  }
  return typeof node === 'object' && node !== null ? (node as Record<string | number, unknown>) : null;
};

const setAt = (root: unknown, path: Path, value: unknown): unknown => {
  if (path.length === 0) return value;
  const copy = clone(root);
  const parent = containerAt(copy, path.slice(0, -1));
  if (parent) parent[path[path.length - 1]!] = value;
  return copy;
};

const removeAt = (root: unknown, path: Path): unknown => {
  const copy = clone(root);
  const parent = containerAt(copy, path.slice(0, -1));
  const key = path[path.length - 1];
  if (parent && key !== undefined) {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  }
  return copy;
};

/** One mutation of a well-formed body: a field missing, added, of the wrong type, huge, badly encoded. */
export const mutatedBody = (valid: unknown): fc.Arbitrary<{ mutation: string; body: unknown }> => {
  const paths = pathsOf(valid);
  const fieldPaths = paths.filter((path) => path.length > 0);
  const objectPaths = paths.filter((path) => {
    const node = path.length === 0 ? valid : containerAt(valid, path);
    return typeof node === 'object' && node !== null && !Array.isArray(node);
  });
  const anyPath = fc.constantFrom(...paths);
  const mutations: Array<fc.Arbitrary<{ mutation: string; body: unknown }>> = [
    fc.tuple(anyPath, wrongValue).map(([path, value]) => ({ mutation: `wrong type at ${path.join('.')}`, body: setAt(valid, path, value) })),
    fc.tuple(anyPath, hugeString).map(([path, value]) => ({ mutation: `huge string at ${path.join('.')}`, body: setAt(valid, path, value) })),
    fc.tuple(anyPath, badB64u).map(([path, value]) => ({ mutation: `bad base64url at ${path.join('.')}`, body: setAt(valid, path, value) })),
    fc.tuple(anyPath, unicodeText).map(([path, value]) => ({ mutation: `unicode at ${path.join('.')}`, body: setAt(valid, path, value) })),
  ];
  if (fieldPaths.length > 0) {
    mutations.push(fc.constantFrom(...fieldPaths).map((path) => ({ mutation: `missing ${path.join('.')}`, body: removeAt(valid, path) })));
  }
  if (objectPaths.length > 0) {
    mutations.push(
      fc.tuple(fc.constantFrom(...objectPaths), extraKey, wrongValue).map(([path, key, value]) => {
        const copy = clone(valid);
        const target = path.length === 0 ? (copy as Record<string, unknown>) : containerAt(copy, path);
        // defineProperty: `__proto__` must become an own key, as it would from JSON.parse.
        if (target) Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
        return { mutation: `extra field ${JSON.stringify(key)} at ${path.join('.') || 'top'}`, body: copy };
      }),
    );
  }
  return fc.oneof(...mutations);
};

/** Bodies that are not (quite) JSON, or JSON of the wrong shape. */
export const rawBody = (validJson: string): fc.Arbitrary<{ mutation: string; text: string }> =>
  fc.oneof(
    fc.integer({ min: 0, max: Math.max(0, validJson.length - 1) }).map((cut) => ({ mutation: `truncated at ${cut}`, text: validJson.slice(0, cut) })),
    fc.constantFrom(
      'null',
      '[]',
      '"text"',
      '42',
      'true',
      '',
      '{',
      '}',
      '{"a":1e309}',
      '{"a":-1e309}',
      '{"__proto__":{"admin":true}}',
      '{"constructor":{"prototype":{"admin":true}}}',
      `\ufeff${validJson}`,
      `${validJson}${validJson}`,
      `${validJson.slice(0, -1)},"name":"dup","name":"dup2"}`,
      validJson.replace(/"/g, "'"),
      `[${validJson}]`,
      '\u0000',
      '{"a":"\\ud800"}',
    ).map((text) => ({ mutation: 'not the JSON asked for', text })),
    fc.integer({ min: 1_000, max: 20_000 }).map((depth) => ({ mutation: `nested ${depth} deep`, text: `${'['.repeat(depth)}${']'.repeat(depth)}` })),
    fc.integer({ min: 1_000, max: 20_000 }).map((depth) => ({ mutation: `objects nested ${depth} deep`, text: `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` })),
  );

export const CONTENT_TYPES = [
  'text/plain',
  'text/plain; charset=utf-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/octet-stream',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/JSON',
  'application/problem+json',
  'application/json-patch+json',
  'application/jsonx',
  'json',
  ';',
  'application/json;;;;',
  'application/json; boundary=',
  '*/*',
] as const;

/** Authorization headers no server should accept. */
export const garbageAuthorization = (knownTokens: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(
      'Bearer',
      'Bearer ',
      'Bearer  ',
      'bearer',
      'Basic dXNlcjpwYXNzd29yZA==',
      'Digest username="a"',
      'Token abc',
      'Bearer a b',
      'Bearer ====',
      'Bearer .',
      'Bearer ..',
      'Bearer null',
      'Bearer undefined',
      `Bearer ${'A'.repeat(9000)}`,
      'Bearer q3Jx0cLZb7nH1m8Tqz5yQ2a6VdGkE9wRfS4uYpN1oXc',
      `Bearer ${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"fuzz-owner","jti":"x","aud":"starbase/1","exp":9999999999}').toString('base64url')}.`,
    ),
    fc.constantFrom(...knownTokens).map((token) => `Bearer ${token}x`),
    fc.constantFrom(...knownTokens).map((token) => `Bearer ${token.slice(0, -2)}`),
    fc.constantFrom(...knownTokens).map((token) => `Bearer ${token.split('').reverse().join('')}`),
    fc.constantFrom(...knownTokens).map((token) => `Basic ${token}`),
    fc.string({ unit: fc.constantFrom(...'abcXYZ019 ._~+/=-:,;"'.split('')), maxLength: 60 }),
  );

export const garbageIfMatch: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('*', 'W/"1"', '"0"', '"-1"', '"1.5"', '"abc"', '1', '"1", "2"', '""', '"', '"99999999999999999999"', '"1e3"', ' ', '"01"', '"１"'),
  fc.string({ unit: fc.constantFrom(...'"W/0123456789,* '.split('')), maxLength: 20 }),
);

const numberish = fc.constantFrom('-1', '0', '1e309', 'abc', '1.5', '501', '999999', '', '%00', 'NaN', 'Infinity', ' 1', '0x10', '1_000', '٣', '99999999999999999999', '-0', '+1');

/** `after`/`limit` values and query strings no page should choke on. */
export const garbageQuery: fc.Arbitrary<string> = fc.oneof(
  numberish.map((value) => `limit=${encodeURIComponent(value)}`),
  numberish.map((value) => `after=${encodeURIComponent(value)}`),
  fc.tuple(numberish, numberish).map(([a, b]) => `limit=${encodeURIComponent(a)}&limit=${encodeURIComponent(b)}`),
  fc.tuple(numberish, numberish).map(([a, b]) => `after=${encodeURIComponent(a)}&after=${encodeURIComponent(b)}`),
  fc.constantFrom('limit[]=1', 'after[x]=1', '__proto__[admin]=1', 'constructor[prototype][x]=1', 'extra=1', 'limit', '&&&', '=', `after=${'9'.repeat(500)}`, 'limit=%ZZ', 'after=%'),
  unicodeText.map(percentEncoded),
);

/** Path segments where a name or an id goes. */
export const garbageSegment: fc.Arbitrary<string> = fc.oneof(
  unicodeText.map(percentEncoded),
  fc.string({ maxLength: 40 }),
  fc.constantFrom('..', '%2e%2e', '%2F', 'a%2Fb', '%00', '%', '%ZZ', 'A', 'a', '-a', '.a', 'a'.repeat(33), 'a'.repeat(200), '%20', 'null', 'undefined', '__proto__', 'constructor'),
);
