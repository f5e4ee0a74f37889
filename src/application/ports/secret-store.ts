/** Persists small server secrets (JWT key, decoy key) so restarts keep sessions valid. */
export interface SecretStore {
  getOrCreate(name: string, create: () => Uint8Array): Promise<Uint8Array>;
}
