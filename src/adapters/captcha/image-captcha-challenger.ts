import { randomInt } from 'node:crypto';
import { CaptchaChallenge, CaptchaChallenger } from '../../application/ports/captcha-challenger';
import { CAPTCHA_ALPHABET } from './bitmap-font';
import { renderCaptchaImage } from './captcha-image-renderer';
import { encodeGrayscalePng, type GrayImage } from './png-encoder';

export interface ImageCaptchaOptions {
  /** How many characters to draw (5 reads at a glance). */
  readonly length?: number;
}

/** The default captcha: characters drawn into a PNG; the text exists only on the server. */
export class ImageCaptchaChallenger implements CaptchaChallenger {
  readonly kind = 'image' as const;
  private readonly length: number;

  constructor(options: ImageCaptchaOptions = {}) {
    this.length = options.length ?? 5;
  }

  async create(): Promise<{ challenge: CaptchaChallenge; answer: string }> {
    const { answer, image } = this.draw();
    const png = encodeGrayscalePng(image);
    return { challenge: { kind: 'image', image: `data:image/png;base64,${png.toString('base64')}` }, answer };
  }

  /** The picture before PNG encoding, with its answer (scripts/captcha-sheet.ts measures legibility with it). */
  draw(): { answer: string; image: GrayImage } {
    const answer = Array.from({ length: this.length }, () => CAPTCHA_ALPHABET[randomInt(CAPTCHA_ALPHABET.length)]).join('');
    return { answer, image: renderCaptchaImage(answer) };
  }

  /** Case-insensitive, blanks ignored. */
  normalize(answer: string): string {
    return answer.replace(/\s+/g, '').toUpperCase();
  }
}
