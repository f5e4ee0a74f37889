import { isEmptyDraft, type Draft } from '../../../../src/application/client/messenger';
import { Drafts, DRAFT_WRITE_DELAY_MS } from '../../../../src/adapters/web/drafts';
import type { MessageEntry } from '../../../../src/adapters/web/conversation-view';
import { reopenDraft } from '../../../../src/adapters/web/reopen-draft';
import { messageEntry } from '../../../support/builders';

const BOB = 'bob@away.test';
const CAROL = 'carol@away.test';
const DAVE_OF_FIRST = 'dave@first.test';
const EVE = 'eve@away.test';

/** A device that records what the session was asked to keep, in order. */
const device = () => {
  const writes: [string, Draft][] = [];
  const kept = new Map<string, Draft>();
  const keep = async (friend: string, draft: Draft) => {
    writes.push([friend, draft]);
    if (isEmptyDraft(draft)) kept.delete(friend);
    else kept.set(friend, draft);
  };
  return { writes, kept, keep };
};

describe('Drafts in the web app: memory first, written to the device after a pause', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('writes once typing pauses, with the latest text only', async () => {
    const { writes, keep } = device();
    const drafts = new Drafts();
    drafts.claimFor('alice@home.test');
    drafts.attach(new Map(), keep);
    for (const text of ['H', 'Ha', 'Hal', 'Half']) {
      drafts.set(BOB, { text });
      await jest.advanceTimersByTimeAsync(DRAFT_WRITE_DELAY_MS - 100);
    }
    expect(writes).toEqual([]);
    await jest.advanceTimersByTimeAsync(100);
    expect(writes).toEqual([[BOB, { text: 'Half' }]]);
  });

  it('writes at once on flush (the page is hidden or left), and removes a draft emptied by sending', async () => {
    const { writes, keep } = device();
    const drafts = new Drafts();
    drafts.attach(new Map(), keep);
    drafts.set(BOB, { text: 'sent soon' });
    drafts.flush();
    await Promise.resolve();
    expect(writes).toEqual([[BOB, { text: 'sent soon' }]]);
    drafts.set(BOB, { text: '' });
    // At once, not after the pause: a tab closed just after sending must not keep the sent text.
    await Promise.resolve();
    expect(writes).toEqual([
      [BOB, { text: 'sent soon' }],
      [BOB, { text: '' }],
    ]);
  });

  it('does not bring back a draft emptied by sending while the session had ended, and writes its removal', async () => {
    const first = device();
    const drafts = new Drafts();
    drafts.claimFor('alice@home.test');
    drafts.attach(new Map(), first.keep);
    drafts.set(BOB, { text: 'hello bob' });
    drafts.flush();
    await jest.advanceTimersByTimeAsync(0);
    drafts.detach();
    drafts.set(BOB, { text: '' });

    const second = device();
    second.kept.set(BOB, { text: 'hello bob' });
    drafts.claimFor('alice@home.test');
    drafts.attach(new Map(second.kept), second.keep);
    await jest.advanceTimersByTimeAsync(DRAFT_WRITE_DELAY_MS);
    expect(drafts.get(BOB)).toEqual({ text: '' });
    expect(second.kept).toEqual(new Map());
  });

  it('counts a change on its way to the device as something leaving could lose, until it is written', async () => {
    let finishWrite!: () => void;
    const drafts = new Drafts();
    drafts.attach(new Map(), () => new Promise<void>((resolve) => (finishWrite = resolve)));
    expect(drafts.hasAnythingToLose()).toBe(false);
    drafts.set(BOB, { text: 'typed' });
    drafts.set(BOB, { text: '' });
    expect(drafts.hasAnythingToLose()).toBe(true);
    finishWrite();
    await jest.advanceTimersByTimeAsync(0);
    expect(drafts.hasAnythingToLose()).toBe(false);
  });

  it('does not count a draft the device already kept, only a change in the typing pause or one whose write failed', async () => {
    const { keep } = device();
    let failing = false;
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const drafts = new Drafts();
    drafts.claimFor('alice@home.test');
    drafts.attach(new Map([[CAROL, { text: 'kept before the reload' }]]), (friend, draft) => (failing ? Promise.reject(new Error('quota')) : keep(friend, draft)));
    expect(drafts.hasAnythingToLose()).toBe(false);

    drafts.set(BOB, { text: 'typed' });
    expect(drafts.hasAnythingToLose()).toBe(true);
    await jest.advanceTimersByTimeAsync(DRAFT_WRITE_DELAY_MS);
    expect(drafts.hasAnythingToLose()).toBe(false);

    failing = true;
    drafts.set(BOB, { text: 'typed more' });
    await jest.advanceTimersByTimeAsync(DRAFT_WRITE_DELAY_MS);
    expect(drafts.hasAnythingToLose()).toBe(true);
    warn.mockRestore();
  });

  it('where the device keeps no drafts, writes nothing and counts any typed text, until it is sent', async () => {
    const { writes, keep } = device();
    const drafts = new Drafts();
    drafts.claimFor('alice@home.test');
    drafts.attach(null, keep);
    expect(drafts.hasAnythingToLose()).toBe(false);
    drafts.set(BOB, { text: 'only in memory' });
    await jest.advanceTimersByTimeAsync(DRAFT_WRITE_DELAY_MS);
    expect(drafts.hasAnythingToLose()).toBe(true);
    drafts.set(BOB, { text: '' });
    await jest.advanceTimersByTimeAsync(DRAFT_WRITE_DELAY_MS);
    expect(drafts.hasAnythingToLose()).toBe(false);
    expect(writes).toEqual([]);
  });

  it('brings back what the device kept, without writing it again', async () => {
    const { writes, keep } = device();
    const drafts = new Drafts();
    drafts.claimFor('alice@home.test');
    drafts.attach(new Map([[BOB, { text: 'from before the reload' }]]), keep);
    await jest.advanceTimersByTimeAsync(DRAFT_WRITE_DELAY_MS);
    expect(drafts.get(BOB)).toEqual({ text: 'from before the reload' });
    expect(writes).toEqual([]);
  });

  it('after the session ended by itself, writes nothing until signed in again, then what memory holds wins', async () => {
    const first = device();
    const drafts = new Drafts();
    drafts.claimFor('alice@home.test');
    drafts.attach(new Map(), first.keep);
    drafts.set(BOB, { text: 'typed' });
    drafts.detach();
    drafts.set(CAROL, { text: 'typed while signed out' });
    await jest.advanceTimersByTimeAsync(DRAFT_WRITE_DELAY_MS);
    expect(first.writes).toEqual([]);

    const second = device();
    drafts.claimFor('alice@home.test');
    drafts.attach(new Map([[BOB, { text: 'older on the device' }]]), second.keep);
    await jest.advanceTimersByTimeAsync(DRAFT_WRITE_DELAY_MS);
    expect(drafts.get(BOB)).toEqual({ text: 'typed' });
    expect(second.kept).toEqual(new Map([[BOB, { text: 'typed' }], [CAROL, { text: 'typed while signed out' }]]));
  });

  it('read only later in the session, brings back every draft the device kept beside what was typed since, and keeps all from then on', async () => {
    const { kept, keep } = device();
    const DAVE = 'dave@away.test';
    const drafts = new Drafts();
    drafts.claimFor('alice@home.test');
    drafts.attach(null, keep);
    drafts.set(BOB, { text: 'typed since', replyTo: 'm-2' });
    drafts.set(CAROL, { text: 'sent since' });
    drafts.set(CAROL, { text: '' });
    drafts.set(DAVE, { text: 'only typed since' });
    const arrived: string[][] = [];
    drafts.onLateArrival((friends) => arrived.push([...friends]));

    drafts.attachLate(
      new Map([
        [BOB, { text: 'kept before', replyTo: 'm-1' }],
        [CAROL, { text: 'never seen' }],
      ]),
      keep,
    );
    await jest.advanceTimersByTimeAsync(DRAFT_WRITE_DELAY_MS);
    expect(arrived).toEqual([[BOB, CAROL]]);
    expect(kept).toEqual(
      new Map([
        [BOB, { text: 'kept before\ntyped since', replyTo: 'm-2' }],
        [CAROL, { text: 'never seen' }],
        [DAVE, { text: 'only typed since' }],
      ]),
    );
    drafts.set(DAVE, { text: 'only typed since, and more' });
    await jest.advanceTimersByTimeAsync(DRAFT_WRITE_DELAY_MS);
    expect(kept.get(DAVE)).toEqual({ text: 'only typed since, and more' });
  });

  it('read only later in the session, keeps the text of an edit the device kept when another edit was begun since', async () => {
    const { kept, keep } = device();
    const drafts = new Drafts();
    drafts.claimFor('alice@home.test');
    drafts.attach(null, keep);
    drafts.set(BOB, { text: 'typed since', edit: { messageId: 'm-2', text: 'edited since' } });
    drafts.set(CAROL, { text: '', edit: { messageId: 'm-3', text: 'the same edit, finished' } });

    drafts.attachLate(
      new Map([
        [BOB, { text: 'kept before', edit: { messageId: 'm-1', text: 'edited before' } }],
        [CAROL, { text: '', edit: { messageId: 'm-3', text: 'the same edit, finished' } }],
      ]),
      keep,
    );
    await jest.advanceTimersByTimeAsync(DRAFT_WRITE_DELAY_MS);

    // As a chat does with an edit it cannot take up: its text goes in front of the new message's.
    expect(drafts.get(BOB)).toEqual({ text: 'edited before\nkept before\ntyped since', edit: { messageId: 'm-2', text: 'edited since' } });
    expect(drafts.get(CAROL)).toEqual({ text: '', edit: { messageId: 'm-3', text: 'the same edit, finished' } });
    expect(kept.get(BOB)).toEqual(drafts.get(BOB));
  });

  it('read only later after the session ended by itself, does not double nor bring back what memory already had from the device', async () => {
    const first = device();
    const drafts = new Drafts();
    drafts.claimFor('alice@home.test');
    first.kept.set(BOB, { text: 'seen at the first sign-in' });
    first.kept.set(CAROL, { text: 'seen, then sent' });
    drafts.attach(new Map(first.kept), first.keep);
    drafts.set(DAVE_OF_FIRST, { text: 'typed and kept' });
    await jest.advanceTimersByTimeAsync(DRAFT_WRITE_DELAY_MS);
    drafts.detach();

    const second = device();
    drafts.claimFor('alice@home.test');
    drafts.attach(null, second.keep);
    drafts.set(CAROL, { text: '' });
    drafts.set(DAVE_OF_FIRST, { text: 'typed and kept, and more' });
    drafts.attachLate(new Map([...first.kept, [EVE, { text: 'from another tab' }]]), second.keep);
    await jest.advanceTimersByTimeAsync(DRAFT_WRITE_DELAY_MS);

    expect(drafts.get(BOB)).toEqual({ text: 'seen at the first sign-in' });
    expect(drafts.get(CAROL)).toEqual({ text: '' });
    expect(drafts.get(DAVE_OF_FIRST)).toEqual({ text: 'typed and kept, and more' });
    expect(drafts.get(EVE)).toEqual({ text: 'from another tab' });
    expect(second.writes).toEqual(expect.arrayContaining([[CAROL, { text: '' }]]));
  });

  it('writes nothing after logging out (clear), even a change made just before', async () => {
    const { writes, keep } = device();
    const drafts = new Drafts();
    drafts.attach(new Map(), keep);
    drafts.set(BOB, { text: 'about to log out' });
    drafts.clear();
    drafts.flush();
    await jest.advanceTimersByTimeAsync(DRAFT_WRITE_DELAY_MS);
    expect(writes).toEqual([]);
    expect(drafts.hasAnythingToLose()).toBe(false);
  });

  it('writes again a draft whose write failed, on the next flush', async () => {
    const { writes, keep } = device();
    let failing = true;
    const drafts = new Drafts();
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    drafts.attach(new Map(), (friend, draft) => (failing ? Promise.reject(new Error('quota')) : keep(friend, draft)));
    drafts.set(BOB, { text: 'must not be lost' });
    drafts.flush();
    await jest.advanceTimersByTimeAsync(0);
    failing = false;
    drafts.flush();
    await jest.advanceTimersByTimeAsync(0);
    expect(writes).toEqual([[BOB, { text: 'must not be lost' }]]);
    expect(warn).toHaveBeenCalledWith('A draft could not be kept on this device', 'Error');
    warn.mockRestore();
  });
});

describe('Drafts in the web app: a reply or an edit in progress is kept with the text', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('writes a reply target and an edit with the text, changes one field without losing the others, and removes only an empty draft', async () => {
    const { writes, kept, keep } = device();
    const drafts = new Drafts();
    drafts.claimFor('alice@home.test');
    drafts.attach(new Map(), keep);
    drafts.update(BOB, { replyTo: 'm-1' });
    drafts.update(BOB, { text: 'see you then' });
    drafts.update(BOB, { edit: { messageId: 'm-2', text: 'fixed typo' } });
    await jest.advanceTimersByTimeAsync(DRAFT_WRITE_DELAY_MS);
    expect(writes).toStrictEqual([[BOB, { text: 'see you then', replyTo: 'm-1', edit: { messageId: 'm-2', text: 'fixed typo' } }]]);

    drafts.update(BOB, { edit: undefined });
    drafts.update(BOB, { text: '' });
    await jest.advanceTimersByTimeAsync(DRAFT_WRITE_DELAY_MS);
    // A reply with nothing typed yet is still something to come back to.
    expect(kept).toStrictEqual(new Map([[BOB, { text: '', replyTo: 'm-1' }]]));
    drafts.update(BOB, { replyTo: undefined });
    await jest.advanceTimersByTimeAsync(0);
    expect(kept).toStrictEqual(new Map());
    expect(drafts.get(BOB)).toStrictEqual({ text: '' });
  });

  it('brings back a reply and an edit the device kept, and writes memory’s own when it differs from the device’s', async () => {
    const { writes, keep } = device();
    const drafts = new Drafts();
    drafts.claimFor('alice@home.test');
    drafts.set(CAROL, { text: 'typed while signed out', replyTo: 'm-7' });
    drafts.attach(
      new Map([
        [BOB, { text: 'under the edit', edit: { messageId: 'm-2', text: 'fixed' } }],
        [CAROL, { text: 'typed while signed out' }],
      ]),
      keep,
    );
    await jest.advanceTimersByTimeAsync(DRAFT_WRITE_DELAY_MS);
    expect(drafts.get(BOB)).toStrictEqual({ text: 'under the edit', edit: { messageId: 'm-2', text: 'fixed' } });
    expect(writes).toStrictEqual([[CAROL, { text: 'typed while signed out', replyTo: 'm-7' }]]);
  });

  it('puts a message that was not stored back in front of the text, keeping what it replies to', () => {
    const drafts = new Drafts();
    drafts.set(BOB, { text: 'typed since', replyTo: 'm-1' });
    drafts.restore(BOB, 'not stored');
    expect(drafts.get(BOB)).toStrictEqual({ text: 'not stored\ntyped since', replyTo: 'm-1' });
  });
});

const message = (id: string, fields: Partial<MessageEntry> = {}): MessageEntry => messageEntry(id, { body: `body of ${id}`, ...fields });

describe('A chat opening its draft (reopenDraft)', () => {
  const shown = [message('theirs', { direction: 'in', state: 'received' }), message('mine'), message('gone', { deleted: true, body: '' })];

  it('finds the reply target and the edited message among the messages the chat shows', () => {
    const draft = { text: 'typed', replyTo: 'theirs', edit: { messageId: 'mine', text: 'fixed' } };
    expect(reopenDraft(draft, shown)).toStrictEqual({ draft, replyingTo: shown[0], editing: shown[1], pending: false });
  });

  it('keeps the user’s edited text when the message was edited meanwhile on another device', () => {
    const editedElsewhere = [message('mine', { body: 'edited on the phone', edited: true })];
    const draft = { text: '', edit: { messageId: 'mine', text: 'my own fix' } };
    expect(reopenDraft(draft, editedElsewhere).draft).toStrictEqual(draft);
  });

  it.each([
    ['deleted', 'gone'],
    ['expired, with no older page left to load', 'elsewhere'],
  ])('drops quietly a reply to a message %s, keeping the text', (_why, id) => {
    expect(reopenDraft({ text: 'typed', replyTo: id }, shown)).toStrictEqual({ draft: { text: 'typed' }, replyingTo: null, editing: null, pending: false });
  });

  it('keeps a reply target and an edited message that may be in an older page not loaded yet, as they were', () => {
    const draft = { text: 'typed', replyTo: 'older', edit: { messageId: 'older-mine', text: 'my fix' } };
    expect(reopenDraft(draft, shown, true)).toStrictEqual({ draft, replyingTo: null, editing: null, pending: true });
    // A deleted one is dropped all the same.
    expect(reopenDraft({ text: '', edit: { messageId: 'gone', text: 'my fix' } }, shown, true)).toStrictEqual({ draft: { text: 'my fix' }, replyingTo: null, editing: null, pending: false });
  });

  it('drops an edit of a message no longer shown or no longer editable, keeping its text in front of the new message’s', () => {
    const failed = [message('failed', { state: 'failed' })];
    expect(reopenDraft({ text: 'new one', replyTo: 'theirs', edit: { messageId: 'gone', text: 'my fix' } }, shown)).toStrictEqual({
      draft: { text: 'my fix\nnew one', replyTo: 'theirs' },
      replyingTo: shown[0],
      editing: null,
      pending: false,
    });
    expect(reopenDraft({ text: '', edit: { messageId: 'failed', text: 'my fix' } }, failed).draft).toStrictEqual({ text: 'my fix' });
  });
});
