import { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { clientKeyOf } from './client-address';
import { HttpProblem } from './problem';

export interface RateLimitRule {
  readonly max: number;
  readonly windowMs: number;
}

/** Per client address. Nothing is limited per recipient: a few addresses could then shut a recipient off for everyone. */
export interface RateLimitRules {
  readonly login: RateLimitRule;
  readonly register: RateLimitRule;
  readonly captchaPerClient: RateLimitRule;
  /**
   * Not a limit: every `max` captchas issued for one recipient within the window double the proof
   * of work of the next ones (up to 32×), so a crowd pays more instead of locking everyone out.
   */
  readonly captchaLoadPerRecipient: RateLimitRule;
  readonly friendRequestPerClient: RateLimitRule;
  /** Drops without a token (PROTOCOL §10): only counted for requests that carry no Authorization. */
  readonly openInboxDropPerClient: RateLimitRule;
}

const MINUTE = 60_000;

export const DEFAULT_RATE_LIMITS: RateLimitRules = {
  login: { max: 20, windowMs: MINUTE },
  register: { max: 10, windowMs: 60 * MINUTE },
  captchaPerClient: { max: 30, windowMs: MINUTE },
  captchaLoadPerRecipient: { max: 60, windowMs: MINUTE },
  friendRequestPerClient: { max: 20, windowMs: MINUTE },
  openInboxDropPerClient: { max: 20, windowMs: MINUTE },
};

export type RateLimitKey = (request: FastifyRequest) => string;

/** The client address Fastify found (see trustProxy), an IPv6 client by its /64. */
export const byClientAddress: RateLimitKey = (request) => clientKeyOf(request.ip);

export type RateLimiterFactory = (rule: keyof RateLimitRules, key: RateLimitKey) => onRequestAsyncHookHandler;

/**
 * Hooks that count requests per key with @fastify/rate-limit's store and answer 429 `rate_limited`
 * with Retry-After. With limits off the hooks do nothing (benchmarks on loopback).
 */
export const rateLimiterFactory = (app: FastifyInstance, rules: RateLimitRules | false): RateLimiterFactory => {
  if (rules === false) return () => async () => undefined;
  return (ruleName, key) => {
    const rule = rules[ruleName];
    const check = app.createRateLimit({ max: rule.max, timeWindow: rule.windowMs, keyGenerator: (request) => `${ruleName}:${key(request)}` });
    return async (request) => {
      const verdict = await check(request);
      // `isAllowed` only means "on the allow list"; the count decides.
      if (verdict.isAllowed || !verdict.isExceeded) return;
      const retryAfter = Math.max(1, verdict.ttlInSeconds);
      throw new HttpProblem(
        429,
        'rate_limited',
        'Rate limited',
        `Too many requests; retry in ${retryAfter} s.`,
        { retryAfter },
        { 'retry-after': String(retryAfter) },
      );
    };
  };
};
