/** A bearer credential a friend uses to drop into one inbox. Only its SHA-256 is stored. */
export interface DropToken {
  readonly id: string;
  readonly owner: string;
  /** Hex SHA-256 of the token's secret value. */
  readonly hash: string;
  readonly createdAt: number;
  readonly lastUsedAt: number | null;
  readonly uses: number;
}
