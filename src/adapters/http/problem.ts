import { FastifyReply } from 'fastify';
import { PROBLEM_CONTENT_TYPE, ProblemBody } from '../../domain/protocol/wire/problem';

export type ProblemBodyCode = ProblemBody['code'];

/** A failure that already knows its HTTP shape; thrown by routes and hooks, sent by the error handler. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: ProblemBodyCode,
    readonly title: string,
    readonly detail: string,
    readonly extensions: Pick<ProblemBody, 'currentVersion' | 'retryAfter' | 'missing'> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} ${code}: ${detail}`);
    this.name = 'HttpProblem';
  }

  toBody(): ProblemBody {
    return {
      type: `urn:starbase:problem:${this.code}`,
      title: this.title,
      status: this.status,
      detail: this.detail,
      code: this.code,
      ...this.extensions,
    };
  }
}

export const validationProblem = (detail: string): HttpProblem =>
  new HttpProblem(400, 'validation_failed', 'Validation failed', detail);

export const unauthorizedProblem = (detail = 'A valid bearer token is required.'): HttpProblem =>
  new HttpProblem(401, 'unauthorized', 'Unauthorized', detail, {}, { 'www-authenticate': 'Bearer' });

export const notFoundProblem = (detail = 'There is nothing here.'): HttpProblem =>
  new HttpProblem(404, 'not_found', 'Not found', detail);

export const sendProblem = (reply: FastifyReply, problem: HttpProblem): FastifyReply =>
  reply
    .code(problem.status)
    .headers(problem.headers)
    .header('cache-control', 'no-store')
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problem.toBody()));
