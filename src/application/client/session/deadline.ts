import { Timer } from '../../ports/timer';
import { MessengerError } from '../messenger';

/** Settles as `waiting` does, or rejects with `late()` once it has not settled by the deadline. */
export type Deadline = <T>(waiting: () => Promise<T> | T, late: () => MessengerError) => Promise<T>;

export const deadline =
  (timer: Timer, deadlineMs: number): Deadline =>
  <T>(waiting: () => Promise<T> | T, late: () => MessengerError) =>
    new Promise<T>((resolve, reject) => {
      const answered = new AbortController();
      Promise.resolve()
        .then(waiting)
        .then(resolve, reject)
        .finally(() => answered.abort());
      void timer.sleep(deadlineMs, answered.signal).then(() => {
        if (!answered.signal.aborted) reject(late());
      });
    });
