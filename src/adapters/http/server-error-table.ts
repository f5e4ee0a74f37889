import { DetailedServerError, ServerErrorCode } from '../../domain/protocol/server-error-codes';
import { ProblemBody } from '../../domain/protocol/wire/problem';
import { HttpProblem, ProblemBodyCode } from './problem';

interface ProblemShape {
  readonly status: number;
  readonly code: ProblemBodyCode;
  readonly title: string;
  readonly detail: string;
}

/** The one table from use-case error codes to HTTP status and PROTOCOL §3 problem codes. */
export const SERVER_ERROR_TABLE: Readonly<Record<ServerErrorCode, ProblemShape>> = {
  'input/invalid': { status: 400, code: 'validation_failed', title: 'Validation failed', detail: 'The request is not well-formed.' },
  'auth/unauthorized': { status: 401, code: 'unauthorized', title: 'Unauthorized', detail: 'The credentials were not accepted.' },
  'auth/forbidden': { status: 403, code: 'forbidden', title: 'Forbidden', detail: 'The proof of the current credentials failed.' },
  'account/not-found': { status: 404, code: 'not_found', title: 'Not found', detail: 'There is no such account.' },
  'account/name-taken': { status: 409, code: 'name_taken', title: 'Name taken', detail: 'That name is already registered.' },
  'account/disabled': { status: 403, code: 'forbidden', title: 'Forbidden', detail: 'The account is disabled.' },
  'registration/closed': { status: 403, code: 'registration_closed', title: 'Registration closed', detail: 'This server does not accept new accounts.' },
  'registration/invite-invalid': { status: 403, code: 'forbidden', title: 'Forbidden', detail: 'The invite code is not valid.' },
  'blob/version-conflict': { status: 412, code: 'version_conflict', title: 'Version conflict', detail: 'The blob changed since it was read; read, merge and retry.' },
  'blob/precondition-required': { status: 428, code: 'precondition_required', title: 'Precondition required', detail: 'Send If-Match: "<version>" with blob writes.' },
  'blob/too-large': { status: 413, code: 'payload_too_large', title: 'Payload too large', detail: 'The blob exceeds this server\'s size limit.' },
  'captcha/invalid': { status: 400, code: 'captcha_invalid', title: 'Captcha invalid', detail: 'The captcha answer is wrong or the captcha is unknown or used up.' },
  'captcha/expired': { status: 400, code: 'captcha_expired', title: 'Captcha expired', detail: 'The captcha has expired; fetch a new one.' },
  'inbox/envelope-too-large': { status: 413, code: 'payload_too_large', title: 'Payload too large', detail: 'The envelope exceeds this server\'s size limit.' },
  'inbox/full': { status: 507, code: 'inbox_full', title: 'Inbox full', detail: 'The recipient\'s inbox (or this token\'s share of it) is full.' },
  'drop-token/not-found': { status: 404, code: 'not_found', title: 'Not found', detail: 'There is no such drop token.' },
  'object/not-found': { status: 404, code: 'not_found', title: 'Not found', detail: 'This account holds no object with that id.' },
  'object/exists': { status: 409, code: 'object_exists', title: 'Object exists', detail: 'Another object already has that id; objects never change.' },
  'object/committed': { status: 409, code: 'object_committed', title: 'Object committed', detail: 'A committed object is deleted by releasing it in a head write.' },
  'object/missing': { status: 409, code: 'object_missing', title: 'Object missing', detail: 'The head write names objects this account does not hold; nothing changed.' },
  'object/too-large': { status: 413, code: 'payload_too_large', title: 'Payload too large', detail: 'The object exceeds this server\'s objectBytes.' },
  'store/full': { status: 507, code: 'store_full', title: 'Store full', detail: 'The account\'s store would pass this server\'s storeBytes.' },
};

const extensionsOf = (error: DetailedServerError): Pick<ProblemBody, 'currentVersion' | 'missing'> =>
  error.code === 'blob/version-conflict' ? { currentVersion: error.currentVersion } : { missing: [...error.missing] };

export const problemForServerError = (error: ServerErrorCode | DetailedServerError): HttpProblem => {
  const code = typeof error === 'string' ? error : error.code;
  const shape = SERVER_ERROR_TABLE[code];
  const extensions = typeof error === 'string' ? {} : extensionsOf(error);
  return new HttpProblem(shape.status, shape.code, shape.title, shape.detail, extensions);
};
