/**
 * Where the password dictionaries are and their SHA-256. scripts/build-web.mjs writes the file
 * next to the app and replaces this module's content; other bundles (tests) have none.
 */
export const PASSWORD_DICTIONARIES_FILE: { readonly file: string; readonly sha256: string } | null = null;
