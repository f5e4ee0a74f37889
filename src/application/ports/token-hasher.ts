/** SHA-256 of a drop token's secret, hex. */
export interface TokenHasher {
  sha256Hex(value: string): string;
}
