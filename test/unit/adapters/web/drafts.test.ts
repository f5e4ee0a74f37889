import { Drafts, DRAFT_WRITE_DELAY_MS } from '../../../../src/adapters/web/drafts';

const BOB = 'bob@away.test';
const CAROL = 'carol@away.test';

/** A device that records what the session was asked to keep, in order. */
const device = () => {
  const writes: [string, string][] = [];
  const kept = new Map<string, string>();
  const keep = async (friend: string, text: string) => {
    writes.push([friend, text]);
    if (text === '') kept.delete(friend);
    else kept.set(friend, text);
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
      drafts.set(BOB, text);
      await jest.advanceTimersByTimeAsync(DRAFT_WRITE_DELAY_MS - 100);
    }
    expect(writes).toEqual([]);
    await jest.advanceTimersByTimeAsync(100);
    expect(writes).toEqual([[BOB, 'Half']]);
  });

  it('writes at once on flush (the page is hidden or left), and removes a draft emptied by sending', async () => {
    const { writes, keep } = device();
    const drafts = new Drafts();
    drafts.attach(new Map(), keep);
    drafts.set(BOB, 'sent soon');
    drafts.flush();
    await Promise.resolve();
    expect(writes).toEqual([[BOB, 'sent soon']]);
    drafts.set(BOB, '');
    // At once, not after the pause: a tab closed just after sending must not keep the sent text.
    await Promise.resolve();
    expect(writes).toEqual([
      [BOB, 'sent soon'],
      [BOB, ''],
    ]);
  });

  it('does not bring back a draft emptied by sending while the session had ended, and writes its removal', async () => {
    const first = device();
    const drafts = new Drafts();
    drafts.claimFor('alice@home.test');
    drafts.attach(new Map(), first.keep);
    drafts.set(BOB, 'hello bob');
    drafts.flush();
    await jest.advanceTimersByTimeAsync(0);
    drafts.detach();
    drafts.set(BOB, '');

    const second = device();
    second.kept.set(BOB, 'hello bob');
    drafts.claimFor('alice@home.test');
    drafts.attach(new Map(second.kept), second.keep);
    await jest.advanceTimersByTimeAsync(DRAFT_WRITE_DELAY_MS);
    expect(drafts.get(BOB)).toBe('');
    expect(second.kept).toEqual(new Map());
  });

  it('counts a change on its way to the device as something leaving could lose, until it is written', async () => {
    let finishWrite!: () => void;
    const drafts = new Drafts();
    drafts.attach(new Map(), () => new Promise<void>((resolve) => (finishWrite = resolve)));
    expect(drafts.hasAnythingToLose()).toBe(false);
    drafts.set(BOB, 'typed');
    drafts.set(BOB, '');
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
    drafts.attach(new Map([[CAROL, 'kept before the reload']]), (friend, text) => (failing ? Promise.reject(new Error('quota')) : keep(friend, text)));
    expect(drafts.hasAnythingToLose()).toBe(false);

    drafts.set(BOB, 'typed');
    expect(drafts.hasAnythingToLose()).toBe(true);
    await jest.advanceTimersByTimeAsync(DRAFT_WRITE_DELAY_MS);
    expect(drafts.hasAnythingToLose()).toBe(false);

    failing = true;
    drafts.set(BOB, 'typed more');
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
    drafts.set(BOB, 'only in memory');
    await jest.advanceTimersByTimeAsync(DRAFT_WRITE_DELAY_MS);
    expect(drafts.hasAnythingToLose()).toBe(true);
    drafts.set(BOB, '');
    await jest.advanceTimersByTimeAsync(DRAFT_WRITE_DELAY_MS);
    expect(drafts.hasAnythingToLose()).toBe(false);
    expect(writes).toEqual([]);
  });

  it('brings back what the device kept, without writing it again', async () => {
    const { writes, keep } = device();
    const drafts = new Drafts();
    drafts.claimFor('alice@home.test');
    drafts.attach(new Map([[BOB, 'from before the reload']]), keep);
    await jest.advanceTimersByTimeAsync(DRAFT_WRITE_DELAY_MS);
    expect(drafts.get(BOB)).toBe('from before the reload');
    expect(writes).toEqual([]);
  });

  it('after the session ended by itself, writes nothing until signed in again, then what memory holds wins', async () => {
    const first = device();
    const drafts = new Drafts();
    drafts.claimFor('alice@home.test');
    drafts.attach(new Map(), first.keep);
    drafts.set(BOB, 'typed');
    drafts.detach();
    drafts.set(CAROL, 'typed while signed out');
    await jest.advanceTimersByTimeAsync(DRAFT_WRITE_DELAY_MS);
    expect(first.writes).toEqual([]);

    const second = device();
    drafts.claimFor('alice@home.test');
    drafts.attach(new Map([[BOB, 'older on the device']]), second.keep);
    await jest.advanceTimersByTimeAsync(DRAFT_WRITE_DELAY_MS);
    expect(drafts.get(BOB)).toBe('typed');
    expect(second.kept).toEqual(new Map([[BOB, 'typed'], [CAROL, 'typed while signed out']]));
  });

  it('writes nothing after logging out (clear), even a change made just before', async () => {
    const { writes, keep } = device();
    const drafts = new Drafts();
    drafts.attach(new Map(), keep);
    drafts.set(BOB, 'about to log out');
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
    drafts.attach(new Map(), (friend, text) => (failing ? Promise.reject(new Error('quota')) : keep(friend, text)));
    drafts.set(BOB, 'must not be lost');
    drafts.flush();
    await jest.advanceTimersByTimeAsync(0);
    failing = false;
    drafts.flush();
    await jest.advanceTimersByTimeAsync(0);
    expect(writes).toEqual([[BOB, 'must not be lost']]);
    expect(warn).toHaveBeenCalledWith('A draft could not be kept on this device', 'Error');
    warn.mockRestore();
  });
});
