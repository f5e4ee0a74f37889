import { CAPTCHA_MAX_ATTEMPTS, CAPTCHA_TTL_MS, CaptchaKind } from '../../domain/home-server/captcha';
import { err, ok, Result } from '../../domain/protocol/result';
import { CaptchaChallenge } from '../ports/captcha-challenger';
import { ServerDependencies } from './server-dependencies';

export interface IssueCaptchaInput {
  /** The recipient the captcha is for: it only works for friend requests to this name. */
  readonly name: string;
  /** How many times the usual work to ask for (1 unless the recipient is under load). */
  readonly difficulty?: number;
  /** The kind the client would rather solve; a kind the server does not offer gets its default. */
  readonly kind?: CaptchaKind;
}

export interface IssuedCaptcha {
  readonly id: string;
  readonly expiresAt: number;
  readonly challenge: CaptchaChallenge;
  /** The other kinds this server would issue instead, if asked. */
  readonly alternatives: readonly CaptchaKind[];
}

export type IssueCaptchaDeps = Pick<
  ServerDependencies,
  'accounts' | 'captchas' | 'challenger' | 'alternativeChallenger' | 'ids' | 'clock'
>;

export class IssueCaptcha {
  constructor(private readonly deps: IssueCaptchaDeps) {}

  async execute(input: IssueCaptchaInput): Promise<Result<IssuedCaptcha, 'account/not-found'>> {
    const account = await this.deps.accounts.find(input.name);
    if (!account || account.disabled) return err('account/not-found');
    const { challenger, alternativeChallenger } = this.deps;
    const chosen = alternativeChallenger && input.kind === alternativeChallenger.kind ? alternativeChallenger : challenger;
    const { challenge, answer } = await chosen.create(input.difficulty ?? 1);
    const id = this.deps.ids.next();
    const expiresAt = this.deps.clock.now() + CAPTCHA_TTL_MS;
    await this.deps.captchas.save({
      id,
      name: input.name,
      kind: chosen.kind,
      answer,
      expiresAt,
      attemptsLeft: CAPTCHA_MAX_ATTEMPTS,
    });
    const alternatives = [challenger, alternativeChallenger].flatMap((offered) => (offered && offered !== chosen ? [offered.kind] : []));
    return ok({ id, expiresAt, challenge, alternatives });
  }
}
