import { compareCanonical } from './canonical-json';
import { compareStamps, Stamp } from './stamp';

/** A last-writer-wins register: the value with the latest (timestamp, deviceId) wins a merge. */
export interface Lww<T> {
  readonly value: T;
  readonly stamp: Stamp;
}

export const lww = <T>(value: T, stamp: Stamp): Lww<T> => ({ value, stamp });

export const mergeLww = <T>(a: Lww<T>, b: Lww<T>): Lww<T> => {
  const byStamp = compareStamps(a.stamp, b.stamp);
  if (byStamp !== 0) return byStamp > 0 ? a : b;
  return compareCanonical(a.value, b.value) >= 0 ? a : b;
};
