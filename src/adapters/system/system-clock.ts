import { Clock } from '../../application/ports/system-ports';

export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }
}
