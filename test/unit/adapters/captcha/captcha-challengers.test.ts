import { inflateSync } from 'node:zlib';
import { CAPTCHA_ALPHABET } from '../../../../src/adapters/captcha/bitmap-font';
import { ImageCaptchaChallenger } from '../../../../src/adapters/captcha/image-captcha-challenger';
import { crc32, encodeGrayscalePng } from '../../../../src/adapters/captcha/png-encoder';
import {
  DEFAULT_POW_MAX_NUMBER,
  MAX_ESCALATED_POW_NUMBER,
  powChallengeFor,
  PowCaptchaChallenger,
} from '../../../../src/adapters/captcha/pow-captcha-challenger';
import { bruteForcePowCaptcha } from '../../../support/brute-force-pow-captcha';

interface PngChunk {
  type: string;
  data: Buffer;
  crc: number;
}

const chunksOf = (png: Buffer): PngChunk[] => {
  const chunks: PngChunk[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    chunks.push({ type: png.subarray(at + 4, at + 8).toString('latin1'), data: png.subarray(at + 8, at + 8 + length), crc: png.readUInt32BE(at + 8 + length) });
    at += 12 + length;
  }
  return chunks;
};

describe('PowCaptchaChallenger', () => {
  it('multiplies the work by the difficulty asked for, up to the most clients accept', async () => {
    const challenger = new PowCaptchaChallenger();
    const maxNumberAt = async (difficulty: number) => {
      const { challenge } = await challenger.create(difficulty);
      return challenge.kind === 'pow' ? challenge.maxNumber : NaN;
    };
    expect(await maxNumberAt(1)).toBe(DEFAULT_POW_MAX_NUMBER);
    expect(await maxNumberAt(4)).toBe(4 * DEFAULT_POW_MAX_NUMBER);
    expect(await maxNumberAt(1000)).toBe(MAX_ESCALATED_POW_NUMBER);
    expect(MAX_ESCALATED_POW_NUMBER).toBeLessThanOrEqual(4_000_000);
  });

  it('issues a challenge whose solution is the stored answer', async () => {
    const challenger = new PowCaptchaChallenger({ maxNumber: 500 });
    const { challenge, answer } = await challenger.create();
    if (challenge.kind !== 'pow') throw new Error('expected pow');
    expect(challenge).toMatchObject({ algorithm: 'SHA-256', maxNumber: 500 });
    expect(challenge.challenge).toBe(powChallengeFor(challenge.salt, Number(answer)));
    expect(String(bruteForcePowCaptcha(challenge))).toBe(answer);
    expect(JSON.stringify(challenge)).not.toContain(`"${answer}"`);
  });

  it('uses a fresh salt every time', async () => {
    const challenger = new PowCaptchaChallenger();
    const salts = new Set(await Promise.all(Array.from({ length: 5 }, async () => ((await challenger.create()).challenge as { salt: string }).salt)));
    expect(salts.size).toBe(5);
  });

  it('normalizes blanks and leading zeros', () => {
    const challenger = new PowCaptchaChallenger();
    expect(challenger.normalize(' 0042 ')).toBe('42');
    expect(challenger.normalize('0')).toBe('0');
  });

  it('defaults to a difficulty a browser solves quickly', async () => {
    const { challenge } = await new PowCaptchaChallenger().create();
    expect((challenge as { maxNumber: number }).maxNumber).toBeLessThanOrEqual(200_000);
  });
});

describe('ImageCaptchaChallenger', () => {
  const challenger = new ImageCaptchaChallenger();

  it('draws 5 unambiguous characters into a well-formed grayscale PNG with no text chunks', async () => {
    const { challenge, answer } = await challenger.create();
    if (challenge.kind !== 'image') throw new Error('expected image');
    expect(answer).toMatch(new RegExp(`^[${CAPTCHA_ALPHABET}]{5}$`));
    const png = Buffer.from(challenge.image.replace('data:image/png;base64,', ''), 'base64');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const chunks = chunksOf(png);
    expect(chunks.map((chunk) => chunk.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    for (const chunk of chunks) expect(chunk.crc).toBe(crc32(Buffer.concat([Buffer.from(chunk.type, 'latin1'), chunk.data])));
    const [ihdr, idat] = chunks;
    const width = ihdr!.data.readUInt32BE(0);
    const height = ihdr!.data.readUInt32BE(4);
    const raw = inflateSync(idat!.data);
    expect(raw).toHaveLength((width + 1) * height);
    const inked = [...raw].filter((value) => value < 100).length;
    expect(inked).toBeGreaterThan(width * height * 0.03);
    expect(png.toString('latin1')).not.toContain(answer);
  });

  it('draws a different picture every time, even for the same text', async () => {
    const images = new Set(await Promise.all(Array.from({ length: 3 }, async () => ((await challenger.create()).challenge as { image: string }).image)));
    expect(images.size).toBe(3);
  });

  it('compares answers case-insensitively, ignoring blanks', () => {
    expect(challenger.normalize(' ab c7 ')).toBe('ABC7');
  });

  it('leaves out characters people confuse', () => {
    for (const confusable of '0O1IL2Z5S8BFNWVXJK4G6Q') expect(CAPTCHA_ALPHABET).not.toContain(confusable);
  });
});

describe('PNG encoder', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('refuses a pixel buffer of the wrong size', () => {
    expect(() => encodeGrayscalePng({ width: 2, height: 2, pixels: new Uint8Array(3) })).toThrow();
  });
});
