import { createSHA256 } from 'hash-wasm';
import { Sha256Stream, StreamingDigest } from '../../application/ports/streaming-digest';

/** hash-wasm's WebAssembly SHA-256: runs unchanged in browsers and Node, several times faster than plain JS. */
export const hashWasmStreamingDigest: StreamingDigest = {
  async sha256(): Promise<Sha256Stream> {
    const hasher = await createSHA256();
    hasher.init();
    return {
      update: (bytes) => {
        hasher.update(bytes);
      },
      digest: () => hasher.digest('binary'),
    };
  },
};
