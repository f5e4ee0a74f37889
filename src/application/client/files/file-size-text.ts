/**
 * A size for people: "0 bytes", "820 bytes", "14.2 KB", "3.1 MB", "100 MB" (1 KB = 1024 bytes, as file
 * managers show). The one way the client states sizes, the file size limit included.
 */
export const fileSizeText = (bytes: number): string => {
  if (bytes < 1024) return bytes === 1 ? '1 byte' : `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB'] as const;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${Number(value.toFixed(value < 10 ? 1 : 0))} ${units[unit]}`;
};

/** "40%" of a transfer; 100% only once every byte is through. */
export const percentText = (done: number, total: number): string => {
  if (total === 0) return done === 0 ? '0%' : '100%';
  const percent = Math.floor((done / total) * 100);
  return `${done < total ? Math.min(percent, 99) : 100}%`;
};
