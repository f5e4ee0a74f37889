/**
 * When and where a single-value field was last written. Ordered by time, then device id,
 * so concurrent writes on two devices resolve the same way everywhere.
 */
export interface Stamp {
  readonly at: number;
  readonly device: string;
}

export const compareStamps = (a: Stamp, b: Stamp): number =>
  a.at !== b.at ? a.at - b.at : a.device < b.device ? -1 : a.device > b.device ? 1 : 0;

/**
 * A stamp later than everything the document has seen (a hybrid logical clock), so a device
 * whose wall clock lags still overrides values it has read.
 */
export const nextStamp = (clock: number, now: number, deviceId: string): Stamp => ({
  at: Math.max(now, clock + 1),
  device: deviceId,
});
