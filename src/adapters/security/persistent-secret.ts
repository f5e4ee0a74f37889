import { randomBytes } from 'node:crypto';
import { SecretStore } from '../../application/ports/secret-store';

/**
 * A 32-byte server secret loaded (or created) once and then kept in memory. A failed load is not
 * remembered: one storage hiccup at start-up must not break every login until a restart.
 */
export const persistentSecret = (secrets: SecretStore, name: string): (() => Promise<Uint8Array>) => {
  let loading: Promise<Uint8Array> | null = null;
  return () => {
    loading ??= secrets.getOrCreate(name, () => new Uint8Array(randomBytes(32))).catch((error: unknown) => {
      loading = null;
      throw error;
    });
    return loading;
  };
};
