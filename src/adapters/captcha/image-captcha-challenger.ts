import { randomInt } from 'node:crypto';
import { CaptchaChallenge, CaptchaChallenger } from '../../application/ports/captcha-challenger';
import { CAPTCHA_ALPHABET } from './bitmap-font';
import { renderCaptchaImage } from './captcha-image-renderer';
import { encodeGrayscalePng } from './png-encoder';

export interface ImageCaptchaOptions {
  /** How many characters to draw (5 or 6 reads well). */
  readonly length?: number;
}

/** The default captcha: characters drawn into a PNG; the text exists only on the server. */
export class ImageCaptchaChallenger implements CaptchaChallenger {
  readonly kind = 'image' as const;
  private readonly length: number;

  constructor(options: ImageCaptchaOptions = {}) {
    this.length = options.length ?? 6;
  }

  async create(): Promise<{ challenge: CaptchaChallenge; answer: string }> {
    const answer = Array.from({ length: this.length }, () => CAPTCHA_ALPHABET[randomInt(CAPTCHA_ALPHABET.length)]).join('');
    const png = encodeGrayscalePng(renderCaptchaImage(answer));
    return { challenge: { kind: 'image', image: `data:image/png;base64,${png.toString('base64')}` }, answer };
  }

  /** Case-insensitive, blanks ignored. */
  normalize(answer: string): string {
    return answer.replace(/\s+/g, '').toUpperCase();
  }
}
