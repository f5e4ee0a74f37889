import { CaptchaKind } from '../../domain/home-server/captcha';

/** What the client receives; never contains the answer. */
export type CaptchaChallenge =
  | { readonly kind: 'image'; readonly image: string }
  | {
      readonly kind: 'pow';
      readonly algorithm: 'SHA-256';
      readonly salt: string;
      readonly challenge: string;
      readonly maxNumber: number;
    };

export interface CaptchaChallenger {
  readonly kind: CaptchaKind;
  /**
   * A fresh challenge and the normalized answer the server keeps. `difficulty` (1, 2, 4, …) asks
   * for that many times the usual work where the kind allows it (proof of work); others ignore it.
   */
  create(difficulty?: number): Promise<{ challenge: CaptchaChallenge; answer: string }>;
  /** Normalizes a submitted answer so it can be compared with the stored one. */
  normalize(answer: string): string;
}
