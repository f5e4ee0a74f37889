import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { CaptchaChallenge, CaptchaChallenger } from '../../src/application/ports/captcha-challenger';
import { AuthKeyHasher } from '../../src/application/ports/auth-key-hasher';
import { ServerKeyring } from '../../src/application/ports/server-keyring';
import { SessionClaims, TokenSigner } from '../../src/application/ports/token-signer';
import { TokenHasher } from '../../src/application/ports/token-hasher';
import { AccountEvent, InboxNotifier } from '../../src/application/ports/inbox-notifier';
import { Clock } from '../../src/application/ports/clock';
import { IdGenerator } from '../../src/application/ports/id-generator';
import { RandomSource } from '../../src/application/ports/random-source';
import { InviteVerifier } from '../../src/application/server/invite-verifier';
import { CaptchaKind } from '../../src/domain/home-server/captcha';

/** 2023-11-14T22:13:20Z: a fixed start so tests never depend on the real time. */
export const TEST_EPOCH_MS = 1_700_000_000_000;

export class FakeClock implements Clock {
  constructor(private current: number = TEST_EPOCH_MS) {}

  now(): number {
    return this.current;
  }

  set(ms: number): void {
    this.current = ms;
  }

  advance(ms: number): void {
    this.current += ms;
  }
}

export class CountingIdGenerator implements IdGenerator {
  private counter = 0;

  constructor(private readonly prefix = 'id') {}

  next(): string {
    this.counter += 1;
    return `${this.prefix}-${this.counter}`;
  }
}

/** Different bytes on every call, the same sequence in every test run. */
export class DeterministicRandom implements RandomSource {
  private calls = 0;

  constructor(private readonly seed = 7) {}

  bytes(length: number): Uint8Array {
    this.calls += 1;
    const digest = (block: number) =>
      createHash('sha256').update(`${this.seed}/${this.calls}/${block}`).digest();
    const blocks = Array.from({ length: Math.ceil(length / 32) }, (_, block) => digest(block));
    return new Uint8Array(Buffer.concat(blocks).subarray(0, length));
  }
}

/** Fast stand-in for the slow hash: salted like the real one, so equal keys hash differently. */
export class FakeAuthKeyHasher implements AuthKeyHasher {
  private salts = 0;

  async hash(authKey: Uint8Array): Promise<string> {
    this.salts += 1;
    const salt = `salt${this.salts}`;
    return `fake$${salt}$${this.digest(salt, authKey)}`;
  }

  async verify(authKey: Uint8Array, encoded: string): Promise<boolean> {
    const [scheme, salt, expected] = encoded.split('$');
    if (scheme !== 'fake' || salt === undefined || expected === undefined) return false;
    return this.digest(salt, authKey) === expected;
  }

  private digest(salt: string, authKey: Uint8Array): string {
    return createHash('sha256').update(salt).update(authKey).digest('hex');
  }
}

/** A tiny HMAC-signed token (not a JWT) that honours expiry against the injected clock. */
export class FakeTokenSigner implements TokenSigner {
  constructor(
    private readonly clock: Clock,
    private readonly secret = 'test-signing-secret',
  ) {}

  async sign(claims: SessionClaims): Promise<string> {
    const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  async verify(token: string): Promise<SessionClaims | null> {
    const [payload, signature] = token.split('.');
    if (payload === undefined || signature === undefined) return null;
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as SessionClaims;
    return this.clock.now() < claims.expiresAt ? claims : null;
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}

export class FakeServerKeyring implements ServerKeyring {
  constructor(private readonly secret = 'test-server-secret') {}

  async mac(purpose: string, data: string): Promise<Uint8Array> {
    return new Uint8Array(createHmac('sha256', this.secret).update(`${purpose}\0${data}`).digest());
  }
}

export class Sha256TokenHasher implements TokenHasher {
  sha256Hex(value: string): string {
    return createHash('sha256').update(value, 'utf8').digest('hex');
  }
}

/** Issues challenges whose answer the test knows: `answer-1`, `answer-2`, … */
export class KnownAnswerCaptchaChallenger implements CaptchaChallenger {
  private issued = 0;

  constructor(readonly kind: CaptchaKind = 'image') {}

  /** The answer the most recent `create()` expects. */
  get lastAnswer(): string {
    return `answer-${this.issued}`;
  }

  async create(): Promise<{ challenge: CaptchaChallenge; answer: string }> {
    this.issued += 1;
    const challenge: CaptchaChallenge =
      this.kind === 'image'
        ? { kind: 'image', image: `data:image/png;base64,challenge-${this.issued}` }
        : { kind: 'pow', algorithm: 'SHA-256', salt: `salt-${this.issued}`, challenge: 'c'.repeat(64), maxNumber: 1000 };
    return { challenge, answer: this.lastAnswer };
  }

  normalize(answer: string): string {
    return answer.trim().toLowerCase();
  }
}

/** Delivers notifications to subscribers synchronously, like the in-process notifier. */
export class InMemoryInboxNotifier implements InboxNotifier {
  private readonly listeners = new Map<string, Set<(event: AccountEvent) => void>>();

  notify(owner: string): void {
    for (const listener of this.listeners.get(owner) ?? []) listener({ kind: 'inbox' });
  }

  notifyBlob(owner: string, version: number, origin: string): void {
    for (const listener of this.listeners.get(owner) ?? []) listener({ kind: 'blob', version, origin });
  }

  subscribe(owner: string, listener: (event: AccountEvent) => void): () => void {
    const set = this.listeners.get(owner) ?? new Set();
    set.add(listener);
    this.listeners.set(owner, set);
    return () => set.delete(listener);
  }
}

export class FakeInviteVerifier implements InviteVerifier {
  private readonly codes: Set<string>;

  constructor(codes: readonly string[]) {
    this.codes = new Set(codes);
  }

  async redeem(code: string): Promise<boolean> {
    return this.codes.delete(code);
  }
}
