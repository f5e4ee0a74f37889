import { RateLimitRule } from './rate-limits';

/** The largest factor: the work a captcha asks for grows to 32× its usual, never further. */
const MAX_DIFFICULTY = 32;

interface Window {
  readonly startedAt: number;
  issued: number;
}

/**
 * Captchas issued per recipient in fixed windows, turned into a difficulty: 1 below `rule.max`,
 * then doubling with each further `rule.max`. Only issued captchas count (existing recipients),
 * so the map holds at most one entry per account.
 */
export class CaptchaLoad {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly rule: RateLimitRule | null,
    private readonly now: () => number = Date.now,
  ) {}

  difficultyFor(recipient: string): number {
    if (this.rule === null) return 1;
    const issued = this.current(recipient)?.issued ?? 0;
    return Math.min(MAX_DIFFICULTY, 2 ** Math.floor(issued / this.rule.max));
  }

  recordIssued(recipient: string): void {
    if (this.rule === null) return;
    const window = this.current(recipient) ?? { startedAt: this.now(), issued: 0 };
    window.issued += 1;
    this.windows.set(recipient, window);
  }

  private current(recipient: string): Window | undefined {
    const window = this.windows.get(recipient);
    if (window && this.rule && this.now() - window.startedAt < this.rule.windowMs) return window;
    this.windows.delete(recipient);
    return undefined;
  }
}
