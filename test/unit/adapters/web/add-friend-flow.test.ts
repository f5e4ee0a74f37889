import { ADD_FRIEND_START, addFriendFlow, type AddFriendEvent, type AddFriendState, type CaptchaReply, type ImagePrompt } from '../../../../src/adapters/web/screens/add-friend-flow';

const BOB = 'bob@south.example';
const prompt = (retry = false): ImagePrompt => ({ kind: 'image', image: 'data:image/png;base64,AAAA', expiresAt: 0, retry, proofOfWorkOffered: false });
const reply: CaptchaReply = { resolve: () => undefined, reject: () => undefined };
const run = (...events: AddFriendEvent[]): AddFriendState => events.reduce(addFriendFlow, ADD_FRIEND_START);

const submitted: AddFriendEvent = { type: 'submitted', address: BOB };
const asked = (attempt = 1, retry = false): AddFriendEvent => ({ type: 'captcha-asked', attempt, prompt: prompt(retry), reply });
const sent = (attempt = 1): AddFriendEvent => ({ type: 'settled', attempt, outcome: { sent: true } });
const failed = (failure: unknown, attempt = 1): AddFriendEvent => ({ type: 'settled', attempt, outcome: { sent: false, failure } });

describe('the add-friend flow', () => {
  it('sends on submit and, once sent, tells so and offers the conversation', () => {
    expect(run(submitted)).toEqual({ attempt: 1, stage: { kind: 'sending', address: BOB } });
    expect(run(submitted, sent())).toEqual({ attempt: 1, stage: { kind: 'form', notice: { kind: 'sent', address: BOB }, sentTo: BOB } });
  });

  it('shows the captcha the core asks for, and goes on sending with the answer in the same attempt', () => {
    expect(run(submitted, asked())).toEqual({ attempt: 1, stage: { kind: 'captcha', address: BOB, prompt: prompt(), reply } });
    expect(run(submitted, asked(), { type: 'answered' })).toEqual({ attempt: 1, stage: { kind: 'sending', address: BOB } });
    // A wrong answer: the core asks again within the same call.
    expect(run(submitted, asked(), { type: 'answered' }, asked(1, true)).stage).toMatchObject({ kind: 'captcha', prompt: { retry: true } });
    expect(run(submitted, asked(), { type: 'answered' }, sent()).stage).toMatchObject({ kind: 'form', notice: { kind: 'sent' } });
  });

  it('makes a new attempt for another picture once the turned-down call has ended', () => {
    const withdrawing = run(submitted, asked(), { type: 'another-picture' });
    expect(withdrawing).toEqual({ attempt: 1, stage: { kind: 'withdrawing', address: BOB, next: 'another-picture' } });
    expect(addFriendFlow(withdrawing, failed(new Error('withdrawn')))).toEqual({ attempt: 2, stage: { kind: 'sending', address: BOB } });
  });

  it('says cancelled, not failed, when the person cancels the captcha', () => {
    const cancelled = run(submitted, asked(), { type: 'cancelled' }, failed(new Error('withdrawn')));
    expect(cancelled).toEqual({ attempt: 1, stage: { kind: 'form', notice: { kind: 'cancelled' }, sentTo: null } });
  });

  it('says cancelled when the person cancels a request waiting on a server, and sent when it got there first', () => {
    const cancelling = run(submitted, { type: 'cancelled' });
    expect(cancelling).toEqual({ attempt: 1, stage: { kind: 'withdrawing', address: BOB, next: 'cancel' } });
    expect(addFriendFlow(cancelling, failed(new Error('request_cancelled'))).stage).toEqual({ kind: 'form', notice: { kind: 'cancelled' }, sentTo: null });
    expect(addFriendFlow(cancelling, sent()).stage).toMatchObject({ kind: 'form', notice: { kind: 'sent' } });
  });

  it('keeps the failure for the screen to explain, and drops the offer of the previous conversation', () => {
    const failure = new Error('not found');
    const state = run(submitted, sent(), submitted, failed(failure, 2));
    expect(state).toEqual({ attempt: 2, stage: { kind: 'form', notice: { kind: 'failed', failure }, sentTo: null } });
  });

  it('forgets the outcome when the form is submitted again, but still offers the conversation', () => {
    expect(run(submitted, sent(), { type: 'dismissed' }).stage).toEqual({ kind: 'form', notice: null, sentTo: BOB });
  });

  it('ignores what belongs to an older attempt or comes out of turn', () => {
    const second = run(submitted, asked(), { type: 'another-picture' }, failed(new Error('withdrawn')));
    expect(addFriendFlow(second, failed(new Error('late'), 1))).toBe(second);
    expect(addFriendFlow(second, asked(1))).toBe(second);
    const sending = run(submitted);
    for (const event of [submitted, { type: 'answered' }, { type: 'another-picture' }, { type: 'dismissed' }] as const) {
      expect(addFriendFlow(sending, event)).toBe(sending);
    }
    expect(addFriendFlow(ADD_FRIEND_START, sent(0))).toBe(ADD_FRIEND_START);
  });
});
