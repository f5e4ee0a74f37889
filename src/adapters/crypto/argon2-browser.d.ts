/** The part of argon2-browser 1.18 (which ships no typings) that this adapter uses. */
declare module 'argon2-browser' {
  interface Argon2BrowserHashOptions {
    pass: string | Uint8Array;
    salt: string | Uint8Array;
    /** Iterations. */
    time?: number;
    /** Memory in KiB. */
    mem?: number;
    hashLen?: number;
    parallelism?: number;
    /** 0 Argon2d, 1 Argon2i, 2 Argon2id. */
    type?: 0 | 1 | 2;
    secret?: Uint8Array;
    ad?: Uint8Array;
  }

  interface Argon2BrowserHashResult {
    hash: Uint8Array;
    hashHex: string;
    encoded: string;
  }

  const argon2: {
    readonly ArgonType: { readonly Argon2d: 0; readonly Argon2i: 1; readonly Argon2id: 2 };
    hash(options: Argon2BrowserHashOptions): Promise<Argon2BrowserHashResult>;
  };
  export default argon2;
}
