import { sniffPictureType, stripPictureMetadata } from '../../../../src/domain/messaging/image-metadata';
import { bytes, JPEG, jpegWithMetadata, PNG, pngWithMetadata, text, WEBP, webpWithMetadata } from './support/tagged-pictures';

describe('picture metadata', () => {
  it('recognises pictures by their bytes only', () => {
    expect([JPEG, PNG, WEBP, bytes('GIF89a...'), bytes('<svg xmlns=...'), new Uint8Array(0)].map(sniffPictureType)).toEqual([
      'image/jpeg',
      'image/png',
      'image/webp',
      'image/gif',
      null,
      null,
    ]);
  });

  it('takes camera, location, XMP, comments and trailing images out of a JPEG, keeping its orientation, colour profile and picture data', () => {
    const stripped = stripPictureMetadata(jpegWithMetadata());
    expect([...(stripped?.removed ?? [])].sort()).toEqual(['EXIF', 'XMP', 'comment', 'data after the picture'].sort());
    const out = text(stripped!.bytes);
    expect(out).not.toMatch(/Canon|GPS|xmpmeta|shot at home/);
    expect(out).toContain('ICC_PROFILE');
    // A minimal big-endian EXIF with orientation 6 right after the JFIF header.
    expect(Array.from(stripped!.bytes.subarray(20, 24))).toEqual([0xff, 0xe1, 0, 34]);
    expect(Array.from(stripped!.bytes.subarray(38, 48))).toEqual([0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1]);
    expect(stripped!.bytes[49]).toBe(6);
    // Without the orientation segment the result is the original file, byte for byte.
    expect(Buffer.from(bytes(stripped!.bytes.subarray(0, 20), stripped!.bytes.subarray(56))).equals(Buffer.from(JPEG))).toBe(true);
  });

  it('leaves a JPEG without metadata as it was, and is idempotent', () => {
    expect(Buffer.from(stripPictureMetadata(JPEG)!.bytes).equals(Buffer.from(JPEG))).toBe(true);
    const once = stripPictureMetadata(jpegWithMetadata())!;
    expect(Buffer.from(stripPictureMetadata(once.bytes)!.bytes).equals(Buffer.from(once.bytes))).toBe(true);
  });

  it('takes EXIF and text chunks out of a PNG', () => {
    const stripped = stripPictureMetadata(pngWithMetadata())!;
    expect([...stripped.removed].sort()).toEqual(['eXIf', 'tEXt']);
    expect(Buffer.from(stripped.bytes).equals(Buffer.from(PNG))).toBe(true);
  });

  it('takes EXIF and XMP chunks out of an extended WebP and fixes its header', () => {
    const stripped = stripPictureMetadata(webpWithMetadata())!;
    expect([...stripped.removed].sort()).toEqual(['EXIF', 'XMP']);
    expect(text(stripped.bytes)).not.toMatch(/Canon|GPS/);
    expect(Buffer.from(stripped.bytes.subarray(4, 8)).readUInt32LE()).toBe(stripped.bytes.length - 8);
    expect(Buffer.from(stripped.bytes).equals(Buffer.from(WEBP))).toBe(true);
  });

  it('refuses what it cannot read rather than passing it on unchecked', () => {
    expect(stripPictureMetadata(bytes('not a picture'))).toBeNull();
    expect(stripPictureMetadata(JPEG.subarray(0, 100))).toBeNull();
    expect(stripPictureMetadata(PNG.subarray(0, 40))).toBeNull();
  });
});
