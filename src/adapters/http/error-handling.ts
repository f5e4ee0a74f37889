import { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem, notFoundProblem, sendProblem, validationProblem } from './problem';
import { BASELINE_SECURITY_HEADERS } from './security-headers';

const FRAMEWORK_CLIENT_ERRORS: Readonly<Record<number, HttpProblem['code']>> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

const statusOf = (error: unknown): number | null => {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return null;
  const status = (error as { statusCode: unknown }).statusCode;
  return typeof status === 'number' && Number.isInteger(status) ? status : null;
};

/**
 * Any thrown value as a problem: our own problems as they are, schema and framework client errors
 * by status (bad input is never a 5xx), everything else a 500 that says nothing about internals.
 */
export const toProblem = (error: unknown): HttpProblem => {
  if (error instanceof HttpProblem) return error;
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.validation) {
    return validationProblem(`${fastifyError.validationContext ?? 'request'} ${fastifyError.validation[0]?.instancePath ?? ''} ${fastifyError.validation[0]?.message ?? 'is invalid'}`.replace(/\s+/g, ' ').trim());
  }
  const status = statusOf(error);
  if (status !== null && status >= 400 && status < 500) {
    const code = FRAMEWORK_CLIENT_ERRORS[status] ?? 'validation_failed';
    const detail = typeof fastifyError.message === 'string' ? fastifyError.message : 'The request was rejected.';
    return new HttpProblem(status, code, titleFor(code), detail);
  }
  return new HttpProblem(500, 'internal', 'Internal server error', 'The server failed; the failure has been logged.');
};

const titleFor = (code: HttpProblem['code']): string =>
  code.split('_').map((word, index) => (index === 0 ? word[0]?.toUpperCase() + word.slice(1) : word)).join(' ');

/** Errors the router raises before any hook runs (bad URL, over-long parameter). */
export const frameworkErrorHandler = (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
  const problem = toProblem(error);
  request.log.info({ code: error.code }, 'framework rejected the request');
  // No hook has run yet (CORS, helmet): a browser still needs to read the problem, safely.
  void sendProblem(reply.headers(BASELINE_SECURITY_HEADERS), problem);
};

export const installErrorHandling = (app: FastifyInstance): void => {
  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ status: problem.status, code: problem.code }, 'request rejected');
    if (problem.status === 429 && problem.headers['retry-after'] === undefined) {
      const retryAfter = reply.getHeader('retry-after');
      if (retryAfter !== undefined) problem.headers['retry-after'] = String(retryAfter);
    }
    return sendProblem(reply, problem);
  });
  app.setNotFoundHandler((request, reply) => sendProblem(reply, notFoundProblem(`No route for ${request.method} ${request.url.split('?')[0]}.`)));
};
