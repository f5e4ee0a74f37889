import { createHash } from 'node:crypto';
import { TokenHasher } from '../../application/ports/token-hasher';

export class NodeTokenHasher implements TokenHasher {
  sha256Hex(value: string): string {
    return createHash('sha256').update(value, 'utf8').digest('hex');
  }
}
