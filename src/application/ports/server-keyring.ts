/** Keyed MAC with the server's persistent secret (decoy KDF salts, etc.). */
export interface ServerKeyring {
  mac(purpose: string, data: string): Promise<Uint8Array>;
}
