import { randomBytes } from 'node:crypto';
import { GLYPH_HEIGHT, GLYPH_WIDTH, glyphInk } from './bitmap-font';
import { GrayImage } from './png-encoder';

/** Uniform floats in [0, 1) from the system CSPRNG, drawn from a refilled pool. */
class RandomDraw {
  private pool = randomBytes(4096);
  private offset = 0;

  float(): number {
    if (this.offset + 4 > this.pool.length) {
      this.pool = randomBytes(4096);
      this.offset = 0;
    }
    const value = this.pool.readUInt32BE(this.offset) / 2 ** 32;
    this.offset += 4;
    return value;
  }

  between(min: number, max: number): number {
    return min + (max - min) * this.float();
  }
}

const WIDTH = 300;
const HEIGHT = 100;
const MARGIN = 20;
const BACKGROUND = 248;

/**
 * Draws the text large and dark with a little per-glyph rotation, scale and offset and a gentle
 * wave, then a few thin lines and specks in light gray. Legibility comes first (issue 12: people
 * needed several tries); the noise is lighter than the ink, so it never hides a stroke, yet the
 * picture still carries no text a program could lift from the response.
 */
export const renderCaptchaImage = (text: string): GrayImage => {
  const random = new RandomDraw();
  const pixels = new Uint8Array(WIDTH * HEIGHT).fill(BACKGROUND);
  for (let line = 0; line < 5; line++) drawLine(pixels, random, Math.floor(random.between(150, 200)));
  for (let speck = 0; speck < 400; speck++) {
    pixels[Math.floor(random.float() * pixels.length)] = Math.floor(random.between(150, 230));
  }

  const step = (WIDTH - 2 * MARGIN) / text.length;
  const wave = { amplitude: random.between(1, 2.5), period: random.between(60, 90), phase: random.between(0, 7) };
  [...text].forEach((char, index) => {
    const centerX = MARGIN + step * (index + 0.5) + random.between(-3, 3);
    const centerY = HEIGHT / 2 + random.between(-6, 6);
    const scale = random.between(7.4, 8.4);
    const angle = random.between(-0.2, 0.2);
    const ink = Math.floor(random.between(0, 50));
    const reach = Math.ceil(scale * 5);
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    for (let y = Math.max(0, Math.floor(centerY - reach)); y < Math.min(HEIGHT, centerY + reach); y++) {
      for (let x = Math.max(0, Math.floor(centerX - reach)); x < Math.min(WIDTH, centerX + reach); x++) {
        const wavedY = y + wave.amplitude * Math.sin((x / wave.period) * 2 * Math.PI + wave.phase);
        const dx = x - centerX;
        const dy = wavedY - centerY;
        const glyphX = Math.floor((cos * dx + sin * dy) / scale + GLYPH_WIDTH / 2);
        const glyphY = Math.floor((-sin * dx + cos * dy) / scale + GLYPH_HEIGHT / 2);
        const inside = glyphX >= 0 && glyphX < GLYPH_WIDTH && glyphY >= 0 && glyphY < GLYPH_HEIGHT;
        if (inside && glyphInk(char, glyphX, glyphY)) pixels[y * WIDTH + x] = ink;
      }
    }
  });
  return { width: WIDTH, height: HEIGHT, pixels };
};

const drawLine = (pixels: Uint8Array, random: RandomDraw, shade: number): void => {
  const from = { x: random.between(0, WIDTH * 0.3), y: random.between(0, HEIGHT) };
  const to = { x: random.between(WIDTH * 0.7, WIDTH), y: random.between(0, HEIGHT) };
  const steps = Math.ceil(Math.hypot(to.x - from.x, to.y - from.y));
  for (let i = 0; i <= steps; i++) {
    const x = Math.round(from.x + ((to.x - from.x) * i) / steps);
    const y = Math.round(from.y + ((to.y - from.y) * i) / steps);
    if (x >= 0 && x < WIDTH && y >= 0 && y < HEIGHT) pixels[y * WIDTH + x] = shade;
  }
};
