import { Clock } from '../../application/ports/clock';

/** Date.now, for the client: browsers and Node alike (the server's SystemClock sits with Node-only adapters). */
export class WallClock implements Clock {
  now(): number {
    return Date.now();
  }
}
