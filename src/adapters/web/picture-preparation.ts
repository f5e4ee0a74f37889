import type { FileToSend } from '../../application/client/messenger';
import { MAX_THUMBNAIL_LENGTH } from '../../domain/messaging/file-description';
import { sniffPictureType, stripPictureMetadata } from '../../domain/messaging/image-metadata';

/** The thumbnail's longest side; tried smaller and at lower quality until the data URL fits §9.1's 16 KiB. */
const THUMBNAIL_SIDES = [320, 240, 160, 112] as const;
const THUMBNAIL_QUALITIES = [0.7, 0.5, 0.35] as const;

export interface PreparedFile {
  readonly file: FileToSend;
  /** What stripping took out of a picture, in plain words (camera details and location…): shown so the person knows. */
  readonly removed: readonly string[];
}

/** The names stripPictureMetadata gives are those of the file formats ('tEXt', 'APP13'), which mean nothing to the person. */
const PLAIN_WORDS: Readonly<Record<string, string>> = {
  EXIF: 'camera details and location',
  eXIf: 'camera details and location',
  XMP: 'editing details',
  comment: 'comments',
  tEXt: 'text notes',
  zTXt: 'text notes',
  iTXt: 'text notes',
  tIME: 'the time it was last changed',
  'data after the picture': 'data hidden after the picture',
};

const inPlainWords = (removed: readonly string[]): string[] => [...new Set(removed.map((name) => PLAIN_WORDS[name] ?? 'other hidden details'))];

/**
 * A chosen or dropped file, ready for sendFiles. A picture (decided by its bytes, never its name
 * or type) loses its camera details and location unless `keepDetails`, and gets a small JPEG
 * thumbnail made here, shown inline on both sides. Only pictures are read whole (to strip them);
 * other files are passed on as Blobs, which the client reads one chunk at a time.
 */
export const prepareFile = async (file: File, keepDetails: boolean): Promise<PreparedFile> => {
  const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  const pictureType = sniffPictureType(head);
  if (pictureType === null) return { file: { name: file.name, type: file.type, bytes: file }, removed: [] };
  const whole = new Uint8Array(await file.arrayBuffer());
  const stripped = keepDetails ? null : stripPictureMetadata(whole);
  const bytes = stripped?.bytes ?? whole;
  const thumbnail = await thumbnailOf(bytes, pictureType).catch(() => null);
  return {
    file: { name: file.name, type: pictureType, bytes, ...(thumbnail === null ? {} : { thumbnail }) },
    removed: inPlainWords(stripped?.removed ?? []),
  };
};

/** A JPEG data URL of at most 16 KiB, or null when the browser cannot decode the picture. */
export const thumbnailOf = async (bytes: Uint8Array, type: string): Promise<string | null> => {
  const bitmap = await createImageBitmap(new Blob([bytes.slice()], { type }));
  try {
    for (const side of THUMBNAIL_SIDES) {
      const scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
      const canvas = document.createElement('canvas');
      canvas.width = Math.max(1, Math.round(bitmap.width * scale));
      canvas.height = Math.max(1, Math.round(bitmap.height * scale));
      const context = canvas.getContext('2d');
      if (context === null) return null;
      // JPEG has no transparency: a white ground instead of black.
      context.fillStyle = '#fff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      for (const quality of THUMBNAIL_QUALITIES) {
        const url = canvas.toDataURL('image/jpeg', quality);
        if (url.startsWith('data:image/jpeg;base64,') && url.length <= MAX_THUMBNAIL_LENGTH) return url;
      }
    }
    return null;
  } finally {
    bitmap.close();
  }
};
