import type { ClientErrorCode } from '../../application/client/client-error';
import { MessengerError } from '../../application/client/messenger';
import { explainError } from './error-messages';

/** Whose things stayed: the account of a user who logged out, or one just deleted. */
export type LeftBy = 'signed-out' | 'deleted';

type LeftBehindCode = Extract<ClientErrorCode, 'sign_in_kept' | 'device_storage' | 'cached_history_kept' | 'unsent_files_kept' | 'account_records_kept'>;

/** In the order they are named; `sealed`: opened only with the account's keys. */
const THINGS: Readonly<Record<LeftBehindCode, { readonly noun: string; readonly plural: boolean; readonly sealed: boolean }>> = {
  sign_in_kept: { noun: 'the sign-in', plural: false, sealed: false },
  device_storage: { noun: 'the drafts', plural: true, sealed: true },
  cached_history_kept: { noun: 'the cached history', plural: false, sealed: true },
  unsent_files_kept: { noun: 'the unsent files', plural: true, sealed: true },
  account_records_kept: { noun: 'the notes it used to spot old copies', plural: true, sealed: false },
};

const isLeftBehindCode = (code: string): code is LeftBehindCode => Object.hasOwn(THINGS, code);

const listed = (items: readonly string[]): string =>
  items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** What each kind of thing left behind means, and what to do about them all, once. */
const FATES = {
  'signed-out': {
    owner: 'your account',
    sign_in_kept: 'opening starbase here may sign you in without your password',
    account_records_kept: 'the notes would make this browser refuse a new account under the same address',
    sealed: (subject: string, plural: boolean) => `${subject} ${plural ? 'stay' : 'stays'} sealed: only you can open ${plural ? 'them' : 'it'}, after signing in`,
  },
  deleted: {
    owner: 'the deleted account',
    sign_in_kept: 'the sign-in no longer works',
    account_records_kept: 'the notes would make this browser refuse a new account under the same address',
    sealed: (subject: string, plural: boolean) => `${subject} ${plural ? 'stay' : 'stays'} sealed with keys that no longer exist`,
  },
} as const;

/** Several things of one account stayed: named in one sentence, what that means in another, the advice once. */
function composed(codes: readonly LeftBehindCode[], leftBy: LeftBy): string {
  const fates = FATES[leftBy];
  const sealed = codes.filter((code) => THINGS[code].sealed);
  const said: string[] = [];
  if (codes.includes('sign_in_kept')) said.push(fates.sign_in_kept);
  if (codes.includes('account_records_kept')) said.push(fates.account_records_kept);
  if (sealed.length === codes.length) said.push(fates.sealed('they', true));
  else if (sealed.length === 1 && sealed[0] !== undefined) said.push(fates.sealed(THINGS[sealed[0]].noun, THINGS[sealed[0]].plural));
  else if (sealed.length > 1) said.push(fates.sealed('the others', true));
  // Where the browser may still sign in by itself, clearing is what to do, not a way to tidy up.
  const advice =
    leftBy === 'signed-out' && codes.includes('sign_in_kept')
      ? 'Clear this site’s data in the browser’s settings to remove them.'
      : 'Clearing this site’s data in the browser’s settings removes them.';
  return [
    `This browser’s storage failed, so it could not delete what it kept of ${fates.owner}: ${listed(codes.map((code) => THINGS[code].noun))}.`,
    `${capitalized(listed(said))}.`,
    advice,
  ].join(' ');
}

/**
 * What this browser's storage failed to delete as the user left (logging out, or deleting the account), said where they
 * land: one failure as explainError words it, several named together with the advice said once. Null when nothing stayed.
 */
export function explainLeftBehind(failures: readonly MessengerError[], leftBy: LeftBy): string | null {
  const context = leftBy === 'deleted' ? 'delete' : 'general';
  const codes = new Set(failures.map((failure) => failure.code));
  const things = (Object.keys(THINGS) as LeftBehindCode[]).filter((code) => codes.has(code));
  const oneThing = failures.find((failure) => isLeftBehindCode(failure.code));
  const thingsSaid = things.length > 1 ? [composed(things, leftBy)] : oneThing === undefined ? [] : [explainError(oneThing, context).message];
  const sentences = [
    ...thingsSaid,
    ...failures.filter((failure) => !isLeftBehindCode(failure.code)).map((failure) => explainError(failure, context).message),
  ];
  return sentences.length === 0 ? null : sentences.join(' ');
}
