import cors from '@fastify/cors';
import helmet, { FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { FastifyInstance } from 'fastify';
import { API_PREFIX } from '../../domain/protocol/wire/well-known';
import { validationProblem } from './problem';

/** Every method a route uses; nothing else is offered to browsers. */
export const CORS_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * The web app may talk to any home server (its own and every friend's), so `connect-src` must reach
 * other origins: any https origin, and plain http only on loopback (tests and local servers), never
 * to an arbitrary host in clear text. Everything else is locked to this origin.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
  styleSrc: ["'self'"],
  // blob: for a picture of a message viewed whole: decrypted in the page, it has no other URL.
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'"],
  // No http://[::1]:* source: Chromium rejects IPv6 literals in CSP host sources and logs an error on every page.
  connectSrc: ["'self'", 'https:', 'http://127.0.0.1:*', 'http://localhost:*'],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
};

const kebab = (name: string): string => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/**
 * The headers helmet and CORS put on every answer, for the few the router sends before any hook
 * runs (a malformed URL, an over-long parameter): those must not reach a browser unprotected.
 */
export const BASELINE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': Object.entries(CONTENT_SECURITY_POLICY)
    .map(([directive, sources]) => `${kebab(directive)} ${sources.join(' ')}`)
    .join(';'),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'access-control-allow-origin': '*',
};

const HELMET_OPTIONS: FastifyHelmetOptions = {
  contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
  referrerPolicy: { policy: 'no-referrer' },
  frameguard: { action: 'deny' },
  crossOriginEmbedderPolicy: false,
  crossOriginOpenerPolicy: { policy: 'same-origin' },
  crossOriginResourcePolicy: { policy: 'same-origin' },
};

/**
 * The headers helmet sets with our options, asked of helmet itself once at startup. They are the
 * same on every answer (no nonces), while @fastify/helmet rebuilds its middleware and re-parses
 * the policy on every request (8 % of a drop's CPU time in the request-path profile).
 */
const helmetHeaders = async (): Promise<Readonly<Record<string, string>>> => {
  const probe = Fastify({ logger: false });
  try {
    await probe.register(helmet, HELMET_OPTIONS);
    // In the handler the raw response holds exactly what helmet's onRequest hook set.
    probe.get('/', async (_request, reply) => reply.send(reply.raw.getHeaders()));
    return (await probe.inject({ method: 'GET', url: '/' })).json<Record<string, string>>();
  } finally {
    await probe.close();
  }
};

/**
 * CORS for any origin without credentials (PROTOCOL §1: bearer tokens, no cookies) and strict
 * security headers. `upgrade-insecure-requests` stays off: it would rewrite the loopback http calls.
 * API answers are never cached.
 */
export const registerSecurityHeaders = async (app: FastifyInstance): Promise<void> => {
  const securityHeaders = await helmetHeaders();
  // First, so every answer (a preflight, a rejected OPTIONS) carries them.
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(securityHeaders);
    if (request.url.startsWith(`${API_PREFIX}/`)) reply.header('cache-control', 'no-store');
    // Ahead of the CORS plugin, whose strict preflight check answers a bare OPTIONS in text/plain.
    if (request.method === 'OPTIONS' && (!request.headers.origin || !request.headers['access-control-request-method'])) {
      done(validationProblem('OPTIONS is only answered as a CORS preflight (Origin and Access-Control-Request-Method).'));
      return;
    }
    done();
  });
  await app.register(cors, {
    origin: '*',
    credentials: false,
    methods: CORS_METHODS,
    allowedHeaders: ['Authorization', 'Content-Type', 'If-Match'],
    exposedHeaders: ['ETag', 'Retry-After'],
    maxAge: 600,
    strictPreflight: true,
  });
};
