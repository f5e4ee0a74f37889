import { isCaptchaExpired } from '../../domain/home-server/captcha';
import { ServerErrorCode } from '../../domain/protocol/server-error-codes';
import { err, ok, Result } from '../../domain/protocol/result';
import { utf8ByteLength } from '../../domain/protocol/text-size';
import { deliverToInbox } from './deliver-to-inbox';
import { ServerDependencies } from './server-dependencies';

export interface DropFriendRequestInput {
  /** The recipient. */
  readonly name: string;
  readonly captcha: { readonly id: string; readonly answer: string };
  /** The sealed envelope, already validated and serialized as JSON text by the HTTP layer. */
  readonly envelope: string;
}

export interface DropFriendRequestOutput {
  readonly id: string;
}

export type DropFriendRequestError = Extract<
  ServerErrorCode,
  'account/not-found' | 'inbox/envelope-too-large' | 'captcha/invalid' | 'captcha/expired' | 'inbox/full'
>;

export type DropFriendRequestDeps = Pick<
  ServerDependencies,
  'accounts' | 'captchas' | 'challenger' | 'alternativeChallenger' | 'inbox' | 'notifier' | 'ids' | 'clock' | 'policy'
>;

/** A stranger's sealed request, paid for with a solved captcha bound to this recipient. */
export class DropFriendRequest {
  constructor(private readonly deps: DropFriendRequestDeps) {}

  async execute(input: DropFriendRequestInput): Promise<Result<DropFriendRequestOutput, DropFriendRequestError>> {
    const account = await this.deps.accounts.find(input.name);
    if (!account || account.disabled) return err('account/not-found');
    // Before the captcha, so an oversized envelope does not burn a solved captcha.
    if (utf8ByteLength(input.envelope) > this.deps.policy.envelopeBytes) return err('inbox/envelope-too-large');
    const solved = await this.solveCaptcha(input);
    if (!solved.ok) return solved;

    return deliverToInbox(this.deps, { owner: input.name, kind: 'friend-request', envelope: input.envelope, tokenId: null });
  }

  private async solveCaptcha(input: DropFriendRequestInput): Promise<Result<void, 'captcha/invalid' | 'captcha/expired'>> {
    const { captchas, clock } = this.deps;
    const captcha = await captchas.find(input.captcha.id);
    if (!captcha || captcha.name !== input.name) return err('captcha/invalid');
    if (isCaptchaExpired(captcha, clock.now())) {
      await captchas.consume(captcha.id);
      return err('captcha/expired');
    }
    const challenger = [this.deps.challenger, this.deps.alternativeChallenger].find((offered) => offered?.kind === captcha.kind);
    if (challenger === undefined || challenger.normalize(input.captcha.answer) !== captcha.answer) {
      await captchas.recordFailedAttempt(captcha.id);
      return err('captcha/invalid');
    }
    // Only the caller that actually removes it may use it: two concurrent solutions, one request.
    return (await captchas.consume(captcha.id)) ? ok(undefined) : err('captcha/invalid');
  }
}
