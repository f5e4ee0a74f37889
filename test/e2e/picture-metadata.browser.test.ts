import { stripPictureMetadata } from '../../src/domain/messaging/image-metadata';
import { ChromiumSession, launchChromium } from '../support/browser';
import { jpegWithMetadata, pngWithMetadata, webpWithMetadata } from '../unit/domain/messaging/support/tagged-pictures';

/*
 * Stripping works on bytes, so the proof that it leaves a picture intact is a browser decoding it:
 * each stripped picture still decodes in Chromium, and the JPEG's kept orientation (6: rotate
 * 90° clockwise) still turns the 48×32 picture into a 32×48 one.
 */

describe('pictures without their metadata, decoded by Chromium', () => {
  let chromium: ChromiumSession;
  beforeAll(async () => {
    chromium = await launchChromium();
  });
  afterAll(() => chromium?.close());

  it.each([
    ['JPEG (orientation kept)', jpegWithMetadata, 'image/jpeg', { width: 32, height: 48 }],
    ['PNG', pngWithMetadata, 'image/png', { width: 48, height: 32 }],
    ['WebP', webpWithMetadata, 'image/webp', { width: 48, height: 32 }],
  ])('%s', async (_, make, type, size) => {
    const stripped = stripPictureMetadata(make());
    expect(stripped).not.toBeNull();
    const page = await chromium.context.newPage();
    const decoded = await page.evaluate(
      async ({ data, type }) => {
        const bitmap = await createImageBitmap(new Blob([new Uint8Array(data)], { type }), { imageOrientation: 'from-image' });
        return { width: bitmap.width, height: bitmap.height };
      },
      { data: Array.from(stripped!.bytes), type },
    );
    await page.close();
    expect(decoded).toEqual(size);
  });
});
