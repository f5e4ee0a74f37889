import { PASSWORD_DICTIONARIES_FILE } from './password-dictionaries-file';
import { hasPasswordDictionaries, applyPasswordDictionaries, type PasswordDictionaries } from './password-strength';

let loading: Promise<void> | null = null;

const hex = (bytes: ArrayBuffer): string => [...new Uint8Array(bytes)].map((byte) => byte.toString(16).padStart(2, '0')).join('');

/**
 * Fetches the common-password and word lists (about 0.5 MB gzip) only when someone chooses a
 * password, and uses them only if their SHA-256 is the one built into the app: index.html pins
 * the app through Subresource Integrity, and the app pins this file in turn.
 */
export function loadPasswordDictionaries(): Promise<void> {
  if (PASSWORD_DICTIONARIES_FILE === null || hasPasswordDictionaries()) return Promise.resolve();
  const { file, sha256 } = PASSWORD_DICTIONARIES_FILE;
  loading ??= (async () => {
    const response = await fetch(new URL(file, document.baseURI), { credentials: 'omit' });
    if (!response.ok) throw new Error(`${file}: HTTP ${response.status}`);
    const bytes = await response.arrayBuffer();
    if (hex(await crypto.subtle.digest('SHA-256', bytes)) !== sha256) throw new Error(`${file} does not match the hash built into the app`);
    applyPasswordDictionaries(JSON.parse(new TextDecoder().decode(bytes)) as PasswordDictionaries);
  })().catch((error: unknown) => {
    loading = null;
    // The estimator still works without the lists (repeats, sequences, keyboard runs); a later try may fetch them.
    console.warn('Password dictionaries unavailable', error instanceof Error ? error.message : error);
  });
  return loading;
}
