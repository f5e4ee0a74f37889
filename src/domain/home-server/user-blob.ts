/** The user's encrypted private state: one versioned document the server cannot read. */
export interface UserBlob {
  readonly name: string;
  /** Starts at 1 on registration, +1 on every successful write. */
  readonly version: number;
  readonly ciphertext: Uint8Array;
  readonly updatedAt: number;
}
