/*
 * Captcha legibility check: draws captchas with the production generator, stacks them into
 * contact sheets (numbered rows) for a person to read, and keeps the answers in a separate file.
 * Read the sheets without looking at answers.json, write down one reading per row, then compare.
 *
 *   npx esbuild scripts/captcha-sheet.ts --bundle --platform=node --packages=external \
 *     --outfile=dist/captcha-sheet.js --log-level=warning && node dist/captcha-sheet.js [count] [outdir]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImageCaptchaChallenger } from '../src/adapters/captcha/image-captcha-challenger';
import { encodeGrayscalePng, type GrayImage } from '../src/adapters/captcha/png-encoder';

const PER_SHEET = 10;
const GAP = 6;

const stack = (images: readonly GrayImage[]): GrayImage => {
  const width = Math.max(...images.map((image) => image.width));
  const height = images.reduce((sum, image) => sum + image.height + GAP, 0);
  const pixels = new Uint8Array(width * height).fill(128);
  let top = 0;
  for (const image of images) {
    for (let y = 0; y < image.height; y++) pixels.set(image.pixels.subarray(y * image.width, (y + 1) * image.width), (top + y) * width);
    top += image.height + GAP;
  }
  return { width, height, pixels };
};

const main = (): void => {
  const count = Number(process.argv[2] ?? 30);
  const outdir = process.argv[3] ?? 'test-output/captcha-sheets';
  mkdirSync(outdir, { recursive: true });
  const challenger = new ImageCaptchaChallenger();
  const answers: string[] = [];
  const images: GrayImage[] = [];
  for (let index = 0; index < count; index++) {
    const { answer, image } = challenger.draw();
    answers.push(answer);
    images.push(image);
  }
  for (let first = 0; first < count; first += PER_SHEET) {
    const name = join(outdir, `sheet-${first / PER_SHEET + 1}.png`);
    writeFileSync(name, encodeGrayscalePng(stack(images.slice(first, first + PER_SHEET))));
    console.log(`${name}: rows ${first + 1}–${Math.min(count, first + PER_SHEET)}`);
  }
  writeFileSync(join(outdir, 'answers.json'), `${JSON.stringify(answers, null, 2)}\n`);
  console.log(`answers: ${join(outdir, 'answers.json')} (read the sheets first)`);
};

main();
