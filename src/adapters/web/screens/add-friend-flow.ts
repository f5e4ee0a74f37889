import type { CaptchaAnswer, CaptchaPrompt } from '../../../application/client/messenger';

export type ImagePrompt = Extract<CaptchaPrompt, { kind: 'image' }>;

/** Settles the client core's pending captcha question: with the person's answer, or withdrawn. */
export interface CaptchaReply {
  resolve(answer: CaptchaAnswer): void;
  reject(reason: Error): void;
}

/** What the last attempt came to, told under the form. */
export type AddFriendNotice =
  | { readonly kind: 'sent'; readonly address: string }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'failed'; readonly failure: unknown };

export type AddFriendStage =
  | {
      readonly kind: 'form';
      readonly notice: AddFriendNotice | null;
      /** The recipient of the request that went out last, offered as a conversation to open. */
      readonly sentTo: string | null;
    }
  | { readonly kind: 'sending'; readonly address: string }
  | { readonly kind: 'captcha'; readonly address: string; readonly prompt: ImagePrompt; readonly reply: CaptchaReply }
  /** The person turned the picture down or cancelled the request; the core's call is ending, then `next` happens. */
  | { readonly kind: 'withdrawing'; readonly address: string; readonly next: 'another-picture' | 'cancel' };

export interface AddFriendState {
  /** Counts the calls asked for: the screen makes one sendFriendRequest per attempt, and ignores older ones. */
  readonly attempt: number;
  readonly stage: AddFriendStage;
}

export type AddFriendEvent =
  | { readonly type: 'submitted'; readonly address: string }
  /** The form was submitted again but did not pass its checks: the last outcome no longer holds. */
  | { readonly type: 'dismissed' }
  | { readonly type: 'captcha-asked'; readonly attempt: number; readonly prompt: ImagePrompt; readonly reply: CaptchaReply }
  | { readonly type: 'answered' }
  | { readonly type: 'another-picture' }
  | { readonly type: 'cancelled' }
  | { readonly type: 'settled'; readonly attempt: number; readonly outcome: { readonly sent: true } | { readonly sent: false; readonly failure: unknown } };

export const ADD_FRIEND_START: AddFriendState = { attempt: 0, stage: { kind: 'form', notice: null, sentTo: null } };

/** The add-friend screen's flow: the form, the request on its way, the recipient's captcha, the outcome. */
export function addFriendFlow(state: AddFriendState, event: AddFriendEvent): AddFriendState {
  const { stage } = state;
  switch (event.type) {
    case 'submitted':
      return stage.kind === 'form' ? { attempt: state.attempt + 1, stage: { kind: 'sending', address: event.address } } : state;
    case 'dismissed':
      return stage.kind === 'form' ? { ...state, stage: { ...stage, notice: null } } : state;
    case 'captcha-asked':
      if (event.attempt !== state.attempt || stage.kind !== 'sending') return state;
      return { ...state, stage: { kind: 'captcha', address: stage.address, prompt: event.prompt, reply: event.reply } };
    case 'answered':
      return stage.kind === 'captcha' ? { ...state, stage: { kind: 'sending', address: stage.address } } : state;
    case 'another-picture':
    case 'cancelled':
      // A request on its way is cancelled through its signal (a wait on a server); a picture, by withdrawing its question.
      if (stage.kind !== 'captcha' && !(stage.kind === 'sending' && event.type === 'cancelled')) return state;
      return { ...state, stage: { kind: 'withdrawing', address: stage.address, next: event.type === 'cancelled' ? 'cancel' : 'another-picture' } };
    case 'settled':
      return event.attempt === state.attempt ? settle(state, event.outcome) : state;
  }
}

function settle(state: AddFriendState, outcome: Extract<AddFriendEvent, { type: 'settled' }>['outcome']): AddFriendState {
  const { stage } = state;
  if (stage.kind === 'form') return state;
  if (outcome.sent) return { ...state, stage: { kind: 'form', notice: { kind: 'sent', address: stage.address }, sentTo: stage.address } };
  if (stage.kind === 'withdrawing' && stage.next === 'another-picture') {
    // A fresh picture comes with a fresh request: the core asks for one captcha per call.
    return { attempt: state.attempt + 1, stage: { kind: 'sending', address: stage.address } };
  }
  const notice: AddFriendNotice = stage.kind === 'withdrawing' ? { kind: 'cancelled' } : { kind: 'failed', failure: outcome.failure };
  return { ...state, stage: { kind: 'form', notice, sentTo: null } };
}
