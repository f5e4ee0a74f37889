import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/*
 * Real pictures made by Chromium (test/fixtures/images) with camera metadata put into them the way
 * cameras and phones do: what stripPictureMetadata is tested against, in Node and in Chromium.
 */

export const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(__dirname, '..', '..', '..', '..', 'fixtures', 'images', name)));
export const JPEG = fixture('flag-48x32.jpg');
export const PNG = fixture('flag-48x32.png');
export const WEBP = fixture('flag-48x32.webp');
export const bytes = (...parts: (number[] | string | Uint8Array)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? Array.from(part, (c) => c.charCodeAt(0)) : Array.from(part))));
export const text = (data: Uint8Array): string => Buffer.from(data).toString('latin1');

/** Little-endian EXIF with Make = "Canon EOS", Orientation = 6 and a GPS IFD holding a latitude reference. */
const exifApp1 = (): Uint8Array => {
  const le16 = (n: number) => [n & 0xff, n >> 8];
  const le32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24];
  const entry = (tag: number, type: number, count: number, value: number[]) => [...le16(tag), ...le16(type), ...le32(count), ...value];
  const ifd0 = [...le16(3), ...entry(0x010f, 2, 10, le32(50)), ...entry(0x0112, 3, 1, [6, 0, 0, 0]), ...entry(0x8825, 4, 1, le32(70)), ...le32(0)];
  const make = Array.from('Canon EOS\0', (c) => c.charCodeAt(0));
  const gps = [...le16(1), ...entry(0x0001, 2, 2, [...Array.from('N\0', (c) => c.charCodeAt(0)), 0, 0]), ...le32(0)];
  const tiff = [...bytes('II'), ...le16(42), ...le32(8), ...ifd0];
  while (tiff.length < 50) tiff.push(0);
  tiff.push(...make);
  while (tiff.length < 70) tiff.push(0);
  tiff.push(...gps);
  const payload = [...bytes('Exif', [0, 0]), ...tiff];
  return bytes([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff], payload);
};
const xmpApp1 = (): Uint8Array => {
  const payload = bytes('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>GPSLatitude 52.1</x:xmpmeta>');
  return bytes([0xff, 0xe1, 0, payload.length + 2], payload);
};
const comment = bytes([0xff, 0xfe, 0, 14], 'shot at home');

/** The fixture JPEG with metadata inserted after its APP0 and a second image appended after EOI. */
export const jpegWithMetadata = (): Uint8Array => bytes(JPEG.subarray(0, 20), exifApp1(), xmpApp1(), comment, JPEG.subarray(20), bytes([0xff, 0xd8]), 'Canon EOS thumbnail', [0xff, 0xd9]);

const crc32 = (data: Uint8Array): number => {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (crc & 1 ? 0xedb88320 : 0);
  }
  return (crc ^ 0xffffffff) >>> 0;
};
export const pngChunk = (type: string, data: string): Uint8Array => {
  const body = bytes(type, data);
  const be32 = (n: number) => [n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
  return bytes(be32(data.length), body, be32(crc32(body)));
};


const le32 = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24];

/** The fixture WebP (already extended: VP8X, ICC profile) with EXIF and XMP chunks added and flagged. */
export const webpWithMetadata = (): Uint8Array => {
  const exif = bytes('EXIF', le32(9), 'Canon EOS', [0]);
  const xmp = bytes('XMP ', le32(4), 'GPS!');
  const body = bytes(WEBP.subarray(8), exif, xmp);
  body[12] = body[12]! | 0x08 | 0x04;
  return bytes('RIFF', le32(body.length), body);
};

/** The fixture PNG with a text chunk and an EXIF chunk before IEND. */
export const pngWithMetadata = (): Uint8Array => {
  const iend = PNG.length - 12;
  return bytes(PNG.subarray(0, iend), pngChunk('tEXt', 'Comment\0GPS 52.1 N'), pngChunk('eXIf', 'MM\0*Canon'), PNG.subarray(iend));
};
