/*
 * Pictures leave the browser without the metadata cameras and phones put in them (camera model,
 * GPS position, time, comments), unless the user keeps it (issue: files through the dead drop).
 * Done on the bytes, without re-encoding: the picture stays exactly as sharp as it was. A JPEG keeps
 * one thing of its EXIF, the orientation, so the picture is still shown the right way up.
 */

export type PictureType = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/gif';

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0): boolean =>
  bytes.length >= at + prefix.length && prefix.every((byte, index) => bytes[at + index] === byte);

const ascii = (text: string): number[] => Array.from(text, (char) => char.charCodeAt(0));

/** The picture type the bytes really are, whatever a name or a peer claims; null for anything else. */
export const sniffPictureType = (bytes: Uint8Array): PictureType | null => {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, ...ascii('PNG'), 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
  return null;
};

export interface StrippedPicture {
  readonly bytes: Uint8Array;
  /** What was taken out, for the UI ("camera details and location removed"). */
  readonly removed: readonly string[];
}

const concat = (parts: readonly Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
};

const u16be = (bytes: Uint8Array, at: number): number => (bytes[at]! << 8) | bytes[at + 1]!;
const u32be = (bytes: Uint8Array, at: number): number => ((bytes[at]! << 24) >>> 0) + (bytes[at + 1]! << 16) + (bytes[at + 2]! << 8) + bytes[at + 3]!;
const u32le = (bytes: Uint8Array, at: number): number => bytes[at]! + (bytes[at + 1]! << 8) + (bytes[at + 2]! << 16) + ((bytes[at + 3]! << 24) >>> 0);

// ---- JPEG ----

const JPEG_SOS = 0xda;
const JPEG_EOI = 0xd9;
const JPEG_APP0 = 0xe0;
const JPEG_APP1 = 0xe1;
const JPEG_APP2 = 0xe2;
const JPEG_APP14 = 0xee;
const EXIF_HEADER = [...ascii('Exif'), 0, 0];
const ICC_HEADER = [...ascii('ICC_PROFILE'), 0];

/** EXIF orientation 2–8 from an APP1 payload, or null (absent, 1, or unreadable). */
const exifOrientation = (payload: Uint8Array): number | null => {
  if (!startsWith(payload, EXIF_HEADER)) return null;
  const tiff = payload.subarray(EXIF_HEADER.length);
  if (tiff.length < 8) return null;
  const little = startsWith(tiff, ascii('II'));
  if (!little && !startsWith(tiff, ascii('MM'))) return null;
  const u16 = (at: number): number => (little ? tiff[at]! | (tiff[at + 1]! << 8) : u16be(tiff, at));
  const u32 = (at: number): number => (little ? u32le(tiff, at) : u32be(tiff, at));
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return null;
  const entries = u16(ifd);
  for (let index = 0; index < entries; index++) {
    const entry = ifd + 2 + index * 12;
    if (entry + 12 > tiff.length) return null;
    if (u16(entry) === 0x0112 && u16(entry + 2) === 3 && u32(entry + 4) === 1) {
      const orientation = u16(entry + 8);
      return orientation >= 2 && orientation <= 8 ? orientation : null;
    }
  }
  return null;
};

/** An APP1 segment holding nothing but the orientation (big-endian TIFF, one IFD0 entry). */
const orientationSegment = (orientation: number): Uint8Array => {
  const tiff = [...ascii('MM'), 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0];
  const length = 2 + EXIF_HEADER.length + tiff.length;
  return Uint8Array.from([0xff, JPEG_APP1, length >> 8, length & 0xff, ...EXIF_HEADER, ...tiff]);
};

const keepsJpegSegment = (marker: number, payload: Uint8Array): boolean =>
  marker === JPEG_APP0 || marker === JPEG_APP14 || (marker === JPEG_APP2 && startsWith(payload, ICC_HEADER)) || marker < 0xe0 || (marker > 0xef && marker !== 0xfe);

const stripJpeg = (bytes: Uint8Array): StrippedPicture | null => {
  const kept: Uint8Array[] = [bytes.subarray(0, 2)];
  const removed = new Set<string>();
  let orientation: number | null = null;
  let offset = 2;
  while (offset + 2 <= bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === JPEG_EOI) {
      kept.push(bytes.subarray(offset, offset + 2));
      if (offset + 2 < bytes.length) removed.add('data after the picture');
      if (orientation !== null) kept.splice(firstAfterApp0(kept), 0, orientationSegment(orientation));
      return { bytes: concat(kept), removed: [...removed] };
    }
    if (offset + 4 > bytes.length) return null;
    const length = u16be(bytes, offset + 2);
    if (length < 2 || offset + 2 + length > bytes.length) return null;
    const segment = bytes.subarray(offset, offset + 2 + length);
    const payload = segment.subarray(4);
    if (marker === JPEG_SOS) {
      const end = endOfEntropyCodedData(bytes, offset + 2 + length);
      kept.push(bytes.subarray(offset, end));
      offset = end;
      continue;
    }
    if (keepsJpegSegment(marker, payload)) kept.push(segment);
    else {
      if (marker === JPEG_APP1) orientation = orientation ?? exifOrientation(payload);
      removed.add(marker === JPEG_APP1 ? (startsWith(payload, EXIF_HEADER) ? 'EXIF' : 'XMP') : marker === 0xfe ? 'comment' : `APP${marker - 0xe0}`);
    }
    offset += 2 + length;
  }
  return null;
};

/** Where the scan's data ends: the first 0xFF that is neither stuffing (FF 00) nor a restart marker. */
const endOfEntropyCodedData = (bytes: Uint8Array, from: number): number => {
  let at = from;
  while (at + 1 < bytes.length) {
    if (bytes[at] === 0xff) {
      const next = bytes[at + 1]!;
      if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7) && next !== 0xff) return at;
    }
    at += 1;
  }
  return bytes.length;
};

/** Just after SOI and a JFIF APP0, where an EXIF APP1 belongs. */
const firstAfterApp0 = (kept: readonly Uint8Array[]): number => (kept[1] !== undefined && kept[1][1] === JPEG_APP0 ? 2 : 1);

// ---- PNG ----

const PNG_METADATA_CHUNKS = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

const stripPng = (bytes: Uint8Array): StrippedPicture | null => {
  const kept: Uint8Array[] = [bytes.subarray(0, 8)];
  const removed = new Set<string>();
  let offset = 8;
  while (offset + 12 <= bytes.length) {
    const length = u32be(bytes, offset);
    const end = offset + 12 + length;
    if (end > bytes.length) return null;
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    if (PNG_METADATA_CHUNKS.has(type)) removed.add(type);
    else kept.push(bytes.subarray(offset, end));
    offset = end;
    if (type === 'IEND') return { bytes: concat(kept), removed: [...removed] };
  }
  return null;
};

// ---- WebP ----

const WEBP_METADATA_FLAGS = 0x08 | 0x04; // EXIF, XMP in the VP8X header

const stripWebp = (bytes: Uint8Array): StrippedPicture | null => {
  const kept: Uint8Array[] = [];
  const removed = new Set<string>();
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const fourcc = String.fromCharCode(...bytes.subarray(offset, offset + 4));
    const size = u32le(bytes, offset + 4);
    const end = offset + 8 + size + (size % 2);
    if (offset + 8 + size > bytes.length) return null;
    const chunk = bytes.subarray(offset, Math.min(end, bytes.length));
    if (fourcc === 'EXIF' || fourcc === 'XMP ') removed.add(fourcc.trim());
    else if (fourcc === 'VP8X') {
      const header = chunk.slice();
      header[8] = header[8]! & ~WEBP_METADATA_FLAGS;
      kept.push(header);
    } else kept.push(chunk);
    offset = end;
  }
  const body = concat(kept);
  const riff = new Uint8Array(12 + body.length);
  riff.set(bytes.subarray(0, 12));
  const riffSize = 4 + body.length;
  riff.set([riffSize & 0xff, (riffSize >> 8) & 0xff, (riffSize >> 16) & 0xff, (riffSize >>> 24) & 0xff], 4);
  riff.set(body, 12);
  return { bytes: riff, removed: [...removed] };
};

/**
 * The picture without camera details, location, comments or trailing data; null when the bytes are
 * not a picture this can read (the caller then sends the file as a plain file, not as a picture).
 * GIFs rarely carry such metadata and are returned as they are.
 */
export const stripPictureMetadata = (bytes: Uint8Array): StrippedPicture | null => {
  switch (sniffPictureType(bytes)) {
    case 'image/jpeg':
      return stripJpeg(bytes);
    case 'image/png':
      return stripPng(bytes);
    case 'image/webp':
      return stripWebp(bytes);
    case 'image/gif':
      return { bytes, removed: [] };
    default:
      return null;
  }
};
