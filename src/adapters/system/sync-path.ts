import { closeSync, fsyncSync, openSync } from 'node:fs';

/** fsync of a file or a directory by its path: its contents, or its entries, are on disk once this returns. */
export const syncPathSync = (path: string): void => {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
};
