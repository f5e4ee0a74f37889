import { randomBytes } from 'node:crypto';
import { IdGenerator } from '../../application/ports/system-ports';

/** 128 random bits, base64url: unguessable, so an id never leaks how many came before it. */
export class RandomIdGenerator implements IdGenerator {
  next(): string {
    return randomBytes(16).toString('base64url');
  }
}
