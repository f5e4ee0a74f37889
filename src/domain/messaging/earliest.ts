/** The earlier of two optional times: once something happened, it stays happened in every merge. */
export const earliestOf = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.min(a, b);
