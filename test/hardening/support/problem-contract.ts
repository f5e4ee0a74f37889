import { LightMyRequestResponse } from 'fastify';

/** PROTOCOL §3: every code a client may see, by the status it comes with. */
export const DOCUMENTED_CODES_BY_STATUS: Readonly<Record<number, readonly string[]>> = {
  400: ['validation_failed', 'captcha_invalid', 'captcha_expired'],
  401: ['unauthorized'],
  403: ['forbidden', 'registration_closed'],
  404: ['not_found'],
  409: ['name_taken', 'object_exists', 'object_missing', 'object_committed'],
  412: ['version_conflict'],
  413: ['payload_too_large'],
  // An over-long URL or parameter: the router's own 414.
  414: ['validation_failed'],
  415: ['unsupported_media_type'],
  428: ['precondition_required'],
  429: ['rate_limited'],
  // The one documented 5xx: a full inbox is the recipient's state, not a server failure.
  507: ['inbox_full', 'store_full'],
};

export interface ProblemVerdict {
  readonly ok: boolean;
  readonly why: string;
}

/**
 * Whether a response keeps PROTOCOL §3: no 5xx but 507 `inbox_full` or `store_full`, and every error an
 * application/problem+json document whose `code` is documented for its status.
 */
export const judgeResponse = (response: LightMyRequestResponse, method: string): ProblemVerdict => {
  const status = response.statusCode;
  const describe = `${status} ${String(response.headers['content-type'])} ${response.body.slice(0, 300)}`;
  if (status >= 500 && status !== 507) return { ok: false, why: `server error: ${describe}` };
  if (status < 400) return { ok: true, why: '' };
  if (!/^application\/problem\+json/.test(String(response.headers['content-type']))) {
    return { ok: false, why: `error without problem+json: ${describe}` };
  }
  if (method === 'HEAD') return { ok: true, why: '' };
  let body: { status?: unknown; code?: unknown; type?: unknown; title?: unknown; detail?: unknown };
  try {
    body = JSON.parse(response.body) as typeof body;
  } catch (error) {
    return { ok: false, why: `problem body is not JSON (${String(error)}): ${describe}` };
  }
  const allowed = DOCUMENTED_CODES_BY_STATUS[status] ?? [];
  if (typeof body.code !== 'string' || !allowed.includes(body.code)) return { ok: false, why: `undocumented code for ${status}: ${describe}` };
  if (body.status !== status) return { ok: false, why: `problem status differs from the response's: ${describe}` };
  if (typeof body.type !== 'string' || typeof body.title !== 'string' || typeof body.detail !== 'string') {
    return { ok: false, why: `problem lacks type/title/detail: ${describe}` };
  }
  return { ok: true, why: '' };
};
