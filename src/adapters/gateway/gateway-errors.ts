import { GatewayError, GatewayErrorCode } from '../../application/ports/home-server-gateway';
import { isObjectId } from '../../domain/protocol/object-id';
import { PROBLEM_CODES } from '../../domain/protocol/server-error-codes';
import { MAX_OBJECT_IDS } from '../../domain/protocol/wire/store-objects';

/** Server text reaches the UI; keep it short. */
const MAX_DETAIL_CHARS = 300;
const GATEWAY_STATUSES = new Set([502, 503, 504]);
const SERVER_CODES: ReadonlySet<string> = new Set<string>([...PROBLEM_CODES, 'internal']);

export const networkError = (detail: string, status: number | null = null, retryAfterSeconds?: number): GatewayError => ({
  code: 'network_error',
  status,
  detail,
  ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
});

/** The caller's signal aborted the call: nothing more is waited for. */
export const abortedByCaller = (): GatewayError => ({ code: 'aborted', status: null, detail: 'cancelled' });

export const badResponse = (status: number | null, detail: string): GatewayError => ({
  code: 'bad_response',
  status,
  detail,
});

/** Retry-After as delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or unreadable. */
export const parseRetryAfter = (header: string | null, now: number): number | undefined => {
  if (header === null) return undefined;
  const trimmed = header.trim();
  if (/^[0-9]{1,9}$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isNonNegativeInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

const MAX_MISSING_IDS = 3 * MAX_OBJECT_IDS;

const isObjectIdList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.length <= MAX_MISSING_IDS && value.every((id) => isObjectId(id));

const shorten = (text: string): string => (text.length > MAX_DETAIL_CHARS ? `${text.slice(0, MAX_DETAIL_CHARS)}…` : text);

const detailOf = (problem: Record<string, unknown>, status: number): string => {
  if (typeof problem['detail'] === 'string' && problem['detail'] !== '') return shorten(problem['detail']);
  if (typeof problem['title'] === 'string' && problem['title'] !== '') return shorten(problem['title']);
  return `HTTP ${status}`;
};

const parseJsonObject = (text: string): Record<string, unknown> | null => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  return isRecord(parsed) ? parsed : null;
};

const isJsonContentType = (contentType: string | null): boolean =>
  contentType !== null && /^application\/(problem\+)?json\s*(;|$)/i.test(contentType.trim());

export interface FailedResponse {
  readonly status: number;
  readonly contentType: string | null;
  readonly retryAfterHeader: string | null;
  /** The body, or null when it could not be read (too large, not UTF-8). */
  readonly text: string | null;
}

/**
 * PROTOCOL §3: a non-2xx answer as a GatewayError. A problem+json body with a known `code` gives
 * that code. Without one, 502/503/504 (typically a proxy's page) count as `network_error`, 429 as
 * `rate_limited`, and everything else as `bad_response`.
 */
export const errorFromFailedResponse = (response: FailedResponse, now: number): GatewayError => {
  const { status } = response;
  const problem =
    response.text !== null && isJsonContentType(response.contentType) ? parseJsonObject(response.text) : null;
  const retryAfterSeconds =
    parseRetryAfter(response.retryAfterHeader, now) ??
    (problem !== null && isNonNegativeInteger(problem['retryAfter']) ? problem['retryAfter'] : undefined);
  const withRetryAfter = retryAfterSeconds === undefined ? {} : { retryAfterSeconds };
  const code = problem?.['code'];
  if (problem !== null && typeof code === 'string' && SERVER_CODES.has(code)) {
    const currentVersion = problem['currentVersion'];
    const missing = problem['missing'];
    return {
      code: code as GatewayErrorCode,
      status,
      detail: detailOf(problem, status),
      ...(code === 'version_conflict' && isNonNegativeInteger(currentVersion) ? { currentVersion } : {}),
      ...(code === 'object_missing' && isObjectIdList(missing) ? { missing } : {}),
      ...withRetryAfter,
    };
  }
  if (GATEWAY_STATUSES.has(status)) return networkError(`HTTP ${status} from the server or a proxy`, status, retryAfterSeconds);
  if (status === 429) return { code: 'rate_limited', status, detail: 'too many requests', ...withRetryAfter };
  return badResponse(status, `HTTP ${status} without a PROTOCOL problem body`);
};
