import {
  MessengerError,
  type AccountOverview,
  type CaptchaPrompt,
  type CaptchaSolver,
  type ConversationEntry,
  type DownloadProgress,
  type Draft,
  type Messenger,
  type MessengerSession,
  type ProgressStage,
} from '../../../src/application/client/messenger';
import { afterSteps } from '../../support/waiting';

/** A network of home servers and devices a Messenger runs against: the real client in process, or the UI's fake. */
export interface MessengerWorld {
  /** A fresh device: its own local storage, the same network. */
  device(): Messenger;
  /** Two home servers' authorities (host[:port]) that take new accounts. */
  readonly servers: readonly [string, string];
  /** Plays the person who reads the recipient's captcha picture (or types `wrong` first). */
  answerCaptchaOf(recipient: string): (prompt: CaptchaPrompt) => string;
  /** Lets the clock that stamps messages move on, so the next one is younger than every one before. */
  passMillisecond(): Promise<void>;
  /** Moves the clock the devices read on by `ms`, as a disappearing message's time running out needs. */
  passTime(ms: number): Promise<void>;
}

const PASSWORD = 'correct horse battery staple';

const messageBodies = (session: MessengerSession, friend: string, direction: 'in' | 'out') =>
  session.conversation(friend).flatMap((entry) => (entry.kind === 'message' && entry.direction === direction ? [entry.body] : []));

/** Resolves once `condition` holds after some change of the session (or already holds). */
const changedUntil = (session: MessengerSession, condition: () => boolean): Promise<void> =>
  new Promise((resolve, reject) => {
    if (condition()) return resolve();
    const timeout = setTimeout(() => {
      stop();
      reject(new Error('the session did not get there'));
    }, 2000);
    const stop = session.onChange(() => {
      if (!condition()) return;
      clearTimeout(timeout);
      stop();
      resolve();
    });
  });

const failureOf = async (action: Promise<unknown>): Promise<MessengerError> => {
  try {
    await action;
  } catch (error) {
    if (error instanceof MessengerError) return error;
    throw error;
  }
  throw new Error('expected a MessengerError, the call succeeded');
};

/**
 * What the web app relies on from any Messenger (the pages and screens behind test/e2e/web):
 * run against the real client core and against the fake the UI tests drive, so the fake cannot
 * promise the UI something the client does not do.
 */
export function messengerContract(name: string, createWorld: () => Promise<MessengerWorld>): void {
  describe(`Messenger contract: ${name}`, () => {
    let world: MessengerWorld;
    let north: string;
    let south: string;

    beforeEach(async () => {
      world = await createWorld();
      [north, south] = world.servers;
    });

    const registered = (address: string): Promise<MessengerSession> => world.device().register(address, PASSWORD);

    const solver =
      (recipient: string, wrongFirst = false): CaptchaSolver & { readonly prompts: CaptchaPrompt[] } => {
        const prompts: CaptchaPrompt[] = [];
        const solve = async (prompt: CaptchaPrompt) => {
          prompts.push(prompt);
          return wrongFirst && prompts.length === 1 ? 'wrong' : world.answerCaptchaOf(recipient)(prompt);
        };
        return Object.assign(solve, { prompts });
      };

    const befriend = async (alice: MessengerSession, bob: MessengerSession): Promise<void> => {
      await alice.sendFriendRequest(bob.address, 'hello', solver(bob.address));
      await bob.sync();
      const request = bob.overview().incomingRequests.find((candidate) => candidate.from === alice.address);
      if (request === undefined) throw new Error('the request did not arrive');
      await bob.acceptFriendRequest(request.id);
      await alice.sync();
      await bob.sync();
    };

    const friendOf = (session: MessengerSession, address: string) => session.overview().friends.find((friend) => friend.address === address);

    describe('registering and logging in', () => {
      it('registers a canonical address with an empty account, reporting the key derivation', async () => {
        const stages: ProgressStage[] = [];
        const alice = await world.device().register(`Alice@${north.toUpperCase()}`, PASSWORD, { onProgress: (stage) => stages.push(stage) });
        expect(alice.address).toBe(`alice@${north}`);
        expect(alice.overview()).toEqual<AccountOverview>({
          address: `alice@${north}`,
          openInbox: false,
          readReceipts: false,
          friends: [],
          incomingRequests: [],
          blocked: [],
          storageWarning: null,
          securityWarning: null,
        });
        expect(stages).toContain('deriving-keys');
      });

      it('refuses a taken name with name_taken and a malformed address with invalid_address', async () => {
        await registered(`alice@${north}`);
        expect((await failureOf(registered(`alice@${north}`))).code).toBe('name_taken');
        expect((await failureOf(registered('not an address'))).code).toBe('invalid_address');
      });

      it('logs in on another device to the same account, and refuses a wrong password', async () => {
        const alice = await registered(`alice@${north}`);
        await alice.setOpenInbox(true);
        const again = await world.device().logIn(`alice@${north}`, PASSWORD);
        expect(again.address).toBe(alice.address);
        expect(again.overview().openInbox).toBe(true);
        expect((await failureOf(world.device().logIn(`alice@${north}`, 'not the password'))).code).toBe('wrong_password');
      });

      it('ends the session on logging out, with nothing left behind: later calls fail with unauthorized', async () => {
        const alice = await registered(`alice@${north}`);
        expect(await alice.logOut()).toEqual([]);
        expect((await failureOf(alice.sync())).code).toBe('unauthorized');
      });
    });

    describe('drafts kept on the device', () => {
      it('gives what was typed back to the next sign-in on the same device, by canonical friend; logging out deletes it', async () => {
        const phone = world.device();
        const alice = await phone.register(`alice@${north}`, PASSWORD);
        await alice.keepDraft(`Bob@${south.toUpperCase()}`, { text: 'half a thought' });
        await alice.keepDraft(`carol@${south}`, { text: 'gone again' });
        await alice.keepDraft(`carol@${south}`, { text: '' });
        const replyAndEdit = { text: 'yes, Thursday', replyTo: 'message-1', edit: { messageId: 'message-2', text: 'fixed' } };
        await alice.keepDraft(`dave@${south}`, replyAndEdit);
        await alice.keepDraft(`erin@${south}`, { text: '', replyTo: 'message-3' });
        const again = await phone.logIn(`alice@${north}`, PASSWORD);
        expect(await again.keptDrafts()).toEqual(
          new Map<string, Draft>([
            [`bob@${south}`, { text: 'half a thought' }],
            [`dave@${south}`, replyAndEdit],
            [`erin@${south}`, { text: '', replyTo: 'message-3' }],
          ]),
        );
        await again.logOut();
        expect(await (await phone.logIn(`alice@${north}`, PASSWORD)).keptDrafts()).toEqual(new Map());
      });

      it('shows another account on the device none of them, and refuses a malformed address or message id, or an ended session', async () => {
        const phone = world.device();
        const alice = await phone.register(`alice@${north}`, PASSWORD);
        await alice.keepDraft(`bob@${south}`, { text: 'for alice only' });
        expect(await (await phone.register(`mallory@${north}`, PASSWORD)).keptDrafts()).toEqual(new Map());
        expect((await failureOf(alice.keepDraft('not an address', { text: 'text' }))).code).toBe('invalid_address');
        expect((await failureOf(alice.keepDraft(`bob@${south}`, { text: 'text', replyTo: '' }))).code).toBe('unknown_message');
        await alice.logOut();
        expect((await failureOf(alice.keepDraft(`bob@${south}`, { text: 'too late' }))).code).toBe('unauthorized');
      });
    });

    describe('befriending', () => {
      it('takes a request across servers through the recipient’s captcha, and both sides end established', async () => {
        const alice = await registered(`alice@${north}`);
        const bob = await registered(`bob@${south}`);
        const solve = solver(bob.address);
        await alice.sendFriendRequest(bob.address, 'it is Alice', solve);
        expect(solve.prompts[0]).toMatchObject({ kind: 'image', retry: false });
        expect(friendOf(alice, bob.address)).toMatchObject({ status: 'pending-outgoing', note: 'it is Alice' });

        await bob.sync();
        const [request] = bob.overview().incomingRequests;
        expect(request).toMatchObject({ from: alice.address, note: 'it is Alice' });
        await bob.acceptFriendRequest(request!.id);
        expect(bob.overview().incomingRequests).toEqual([]);
        expect(friendOf(bob, alice.address)?.status).toBe('awaiting-confirmation');

        await alice.sync();
        expect(friendOf(alice, bob.address)?.status).toBe('established');
        await bob.sync();
        expect(friendOf(bob, alice.address)?.status).toBe('established');
      });

      it('asks again with a fresh picture after a wrong answer, keeping the request', async () => {
        const alice = await registered(`alice@${north}`);
        const bob = await registered(`bob@${south}`);
        const solve = solver(bob.address, true);
        await alice.sendFriendRequest(bob.address, '', solve);
        expect(solve.prompts.map((prompt) => prompt.kind === 'image' && prompt.retry)).toEqual([false, true]);
        await bob.sync();
        expect(bob.overview().incomingRequests.map((request) => request.from)).toEqual([alice.address]);
      });

      it('sends nothing when the person cancels the captcha: the solver’s rejection comes back', async () => {
        const alice = await registered(`alice@${north}`);
        const bob = await registered(`bob@${south}`);
        const cancelled = new Error('cancelled');
        await expect(alice.sendFriendRequest(bob.address, '', () => Promise.reject(cancelled))).rejects.toBe(cancelled);
        await bob.sync();
        expect(bob.overview().incomingRequests).toEqual([]);
      });

      it('refuses a request to nobody with not_found, and to a friend with already_friends', async () => {
        const alice = await registered(`alice@${north}`);
        const bob = await registered(`bob@${south}`);
        expect((await failureOf(alice.sendFriendRequest(`nobody@${south}`, '', solver(`nobody@${south}`)))).code).toBe('not_found');
        await befriend(alice, bob);
        expect((await failureOf(alice.sendFriendRequest(bob.address, '', solver(bob.address)))).code).toBe('already_friends');
      });

      it('drops a declined request', async () => {
        const alice = await registered(`alice@${north}`);
        const bob = await registered(`bob@${south}`);
        await alice.sendFriendRequest(bob.address, '', solver(bob.address));
        await bob.sync();
        await bob.declineFriendRequest(bob.overview().incomingRequests[0]!.id);
        expect(bob.overview().incomingRequests).toEqual([]);
        expect(friendOf(bob, alice.address)).toBeUndefined();
      });
    });

    describe('messaging', () => {
      it('sends a message the friend receives on sync, unread until marked read, previewed on both sides', async () => {
        const alice = await registered(`alice@${north}`);
        const bob = await registered(`bob@${south}`);
        await befriend(alice, bob);
        await alice.sendMessage(bob.address, 'climbing on Saturday?');
        expect(alice.conversation(bob.address)).toEqual([
          expect.objectContaining({ kind: 'message', direction: 'out', body: 'climbing on Saturday?', state: 'sent', undeliverable: null }),
        ]);
        expect(friendOf(alice, bob.address)?.lastMessage).toEqual({ body: 'climbing on Saturday?', direction: 'out' });

        await bob.sync();
        expect(bob.conversation(alice.address)).toEqual([
          expect.objectContaining({ kind: 'message', direction: 'in', body: 'climbing on Saturday?', state: 'received' }),
        ]);
        expect(friendOf(bob, alice.address)).toMatchObject({ unread: 1, lastMessage: { body: 'climbing on Saturday?', direction: 'in' } });
        await bob.markRead(alice.address);
        expect(friendOf(bob, alice.address)?.unread).toBe(0);

        await bob.sendMessage(alice.address, 'yes!');
        await alice.sync();
        expect(messageBodies(alice, bob.address, 'in')).toEqual(['yes!']);
      });

      it('refuses to message someone who is not a friend with not_friends', async () => {
        const alice = await registered(`alice@${north}`);
        const bob = await registered(`bob@${south}`);
        await alice.sendFriendRequest(bob.address, '', solver(bob.address));
        expect((await failureOf(alice.sendMessage(bob.address, 'too early'))).code).toBe('not_friends');
      });

      it('shows the same safety number on both sides', async () => {
        const alice = await registered(`alice@${north}`);
        const bob = await registered(`bob@${south}`);
        await befriend(alice, bob);
        const number = await alice.safetyNumber(bob.address);
        expect(number).toMatch(/^\d{5}( \d{5}){11}$/);
        expect(await bob.safetyNumber(alice.address)).toBe(number);
      });
    });

    describe('deleting the chat of someone who is no longer a friend', () => {
      /** Alice and Bob chatted, then Bob removed Alice; Alice has synced, so she sees it. */
      const chattedThenRemoved = async (): Promise<{ alice: MessengerSession; bob: MessengerSession }> => {
        const alice = await registered(`alice@${north}`);
        const bob = await registered(`bob@${south}`);
        await befriend(alice, bob);
        await alice.sendMessage(bob.address, 'the secret plan');
        await bob.sync();
        await bob.sendMessage(alice.address, 'count me in');
        await alice.sync();
        await bob.removeFriend(alice.address);
        await alice.sync();
        expect(friendOf(alice, bob.address)?.status).toBe('removed');
        return { alice, bob };
      };

      it('takes the contact off the list and its history out of the chat and of search, and the draft kept for them goes too', async () => {
        const { alice, bob } = await chattedThenRemoved();
        await alice.keepDraft(bob.address, { text: 'one more thing' });
        await alice.deleteChat(bob.address);
        expect(friendOf(alice, bob.address)).toBeUndefined();
        expect(alice.conversation(bob.address)).toEqual([]);
        expect(await alice.search('secret')).toEqual([]);
        expect(await alice.search('count')).toEqual([]);
        expect(await alice.keptDrafts()).toEqual(new Map());
      });

      it('leaves no draft for them on another device of the user: its next sign-in finds none', async () => {
        const { alice, bob } = await chattedThenRemoved();
        const phone = world.device();
        await (await phone.logIn(alice.address, PASSWORD)).keepDraft(bob.address, { text: 'about the plan' });
        await alice.deleteChat(bob.address);
        const again = await phone.logIn(alice.address, PASSWORD);
        expect(await again.keptDrafts()).toEqual(new Map());
        // Deleted on the device, not only left out: a later friendship with them starts with nothing typed.
        await befriend(bob, again);
        expect(await (await phone.logIn(alice.address, PASSWORD)).keptDrafts()).toEqual(new Map());
      });

      it('is refused with already_friends while they are still a friend, and changes nothing', async () => {
        const alice = await registered(`alice@${north}`);
        const bob = await registered(`bob@${south}`);
        await befriend(alice, bob);
        await alice.sendMessage(bob.address, 'still here');
        expect((await failureOf(alice.deleteChat(bob.address))).code).toBe('already_friends');
        expect(friendOf(alice, bob.address)?.status).toBe('established');
        expect(messageBodies(alice, bob.address, 'out')).toEqual(['still here']);
      });

      it('shows an empty chat when the same person befriends us again, then only the new messages', async () => {
        const { alice, bob } = await chattedThenRemoved();
        await alice.deleteChat(bob.address);
        await befriend(bob, alice);
        expect(friendOf(alice, bob.address)?.status).toBe('established');
        expect(alice.conversation(bob.address)).toEqual([]);
        await bob.sendMessage(alice.address, 'hello again');
        await alice.sync();
        expect(messageBodies(alice, bob.address, 'in')).toEqual(['hello again']);
        expect(messageBodies(alice, bob.address, 'out')).toEqual([]);
      });

      it('reaches the user’s other devices: one signed in before sees it after a sync, a new sign-in never sees the chat', async () => {
        const { alice, bob } = await chattedThenRemoved();
        const phone = await world.device().logIn(alice.address, PASSWORD);
        expect(friendOf(phone, bob.address)?.status).toBe('removed');
        await alice.deleteChat(bob.address);
        await phone.sync();
        expect(friendOf(phone, bob.address)).toBeUndefined();
        expect(phone.conversation(bob.address)).toEqual([]);
        const laptop = await world.device().logIn(alice.address, PASSWORD);
        expect(friendOf(laptop, bob.address)).toBeUndefined();
        expect(await laptop.search('secret')).toEqual([]);
      });

      it('stays deleted when a device that missed the deletion writes the history it still holds', async () => {
        const { alice, bob } = await chattedThenRemoved();
        const phone = await world.device().logIn(alice.address, PASSWORD);
        expect(messageBodies(phone, bob.address, 'out')).toEqual(['the secret plan']);
        await alice.deleteChat(bob.address);
        // The phone writes before it has read the deletion.
        await phone.setReadReceipts(true);
        expect(friendOf(phone, bob.address)).toBeUndefined();
        expect(phone.conversation(bob.address)).toEqual([]);
        await alice.sync();
        expect(friendOf(alice, bob.address)).toBeUndefined();
        const laptop = await world.device().logIn(alice.address, PASSWORD);
        expect(friendOf(laptop, bob.address)).toBeUndefined();
        expect(laptop.conversation(bob.address)).toEqual([]);
        expect(await laptop.search('secret')).toEqual([]);
      });
    });

    describe('blocking', () => {
      it('ends the friendship; their request and the message already on its way are dropped unseen and for good; after an unblock their next request shows', async () => {
        const alice = await registered(`alice@${north}`);
        const bob = await registered(`bob@${south}`);
        await befriend(alice, bob);
        await alice.sendMessage(bob.address, 'you will not see this');
        await bob.blockContact(alice.address);
        expect(friendOf(bob, alice.address)?.status).toBe('removed');
        expect(bob.overview().blocked).toEqual([alice.address]);
        await bob.sync();
        expect(bob.conversation(alice.address)).toEqual([]);

        await alice.sync();
        expect(friendOf(alice, bob.address)?.status).toBe('removed');
        await alice.sendFriendRequest(bob.address, 'please', solver(bob.address));
        await bob.sync();
        expect(bob.overview().incomingRequests).toEqual([]);

        await bob.unblockContact(alice.address);
        expect(bob.overview().blocked).toEqual([]);
        await bob.sync();
        // Acknowledged when dropped: nothing comes back once the block is gone.
        expect(bob.overview().incomingRequests).toEqual([]);
        expect(bob.conversation(alice.address)).toEqual([]);
        expect(friendOf(bob, alice.address)?.status).toBe('removed');

        await alice.removeFriend(bob.address);
        await befriend(alice, bob);
        expect(friendOf(bob, alice.address)?.status).toBe('established');
      });

      it('declines a waiting request from them, refuses a request to them with not_friends, and reaches the user’s other devices', async () => {
        const alice = await registered(`alice@${north}`);
        const bob = await registered(`bob@${south}`);
        await alice.sendFriendRequest(bob.address, 'hi', solver(bob.address));
        await bob.sync();
        const phone = await world.device().logIn(bob.address, PASSWORD);
        await bob.blockContact(alice.address);
        expect(bob.overview().incomingRequests).toEqual([]);
        expect(friendOf(bob, alice.address)).toBeUndefined();
        expect((await failureOf(bob.sendFriendRequest(alice.address, 'changed my mind', solver(alice.address)))).code).toBe('not_friends');
        await phone.sync();
        expect(phone.overview().blocked).toEqual([alice.address]);
        expect(phone.overview().incomingRequests).toEqual([]);
        await bob.unblockContact(alice.address);
        await phone.sync();
        expect(phone.overview().blocked).toEqual([]);
      });

      it('refuses to accept their request on a device that has not synced since another device blocked them, and no longer lists it', async () => {
        const alice = await registered(`alice@${north}`);
        const bob = await registered(`bob@${south}`);
        await alice.sendFriendRequest(bob.address, 'hi', solver(bob.address));
        await bob.sync();
        const phone = await world.device().logIn(bob.address, PASSWORD);
        const [request] = phone.overview().incomingRequests;
        await bob.blockContact(alice.address);

        const refused = await failureOf(phone.acceptFriendRequest(request?.id ?? 'missing'));
        expect([refused.code, refused.message]).toEqual([
          'not_friends',
          `You blocked ${alice.address}, maybe on another device, so their request was declined. To be friends, unblock them and send them a friend request.`,
        ]);
        expect(phone.overview().incomingRequests).toEqual([]);
        expect(phone.overview().blocked).toEqual([alice.address]);
        await alice.sync();
        expect(friendOf(alice, bob.address)?.status).toBe('pending-outgoing');
      });

      it('keeps a blocked contact blocked once their chat is deleted, on a new sign-in too', async () => {
        const alice = await registered(`alice@${north}`);
        const bob = await registered(`bob@${south}`);
        await befriend(alice, bob);
        await bob.blockContact(alice.address);
        await bob.deleteChat(alice.address);
        expect(friendOf(bob, alice.address)).toBeUndefined();
        expect(bob.overview().blocked).toEqual([alice.address]);
        const laptop = await world.device().logIn(bob.address, PASSWORD);
        expect(laptop.overview().blocked).toEqual([alice.address]);
        await alice.sync();
        await alice.removeFriend(bob.address);
        await alice.sendFriendRequest(bob.address, 'again?', solver(bob.address));
        await laptop.sync();
        expect(laptop.overview().incomingRequests).toEqual([]);
      });

      it('blocks an address that never wrote, and refuses one that is not an address with invalid_address', async () => {
        const bob = await registered(`bob@${south}`);
        await bob.blockContact(`Mallory@${north.toUpperCase()}`);
        expect(bob.overview().blocked).toEqual([`mallory@${north}`]);
        expect(bob.overview().friends).toEqual([]);
        expect((await failureOf(bob.blockContact('not an address'))).code).toBe('invalid_address');
      });
    });

    describe('history: scrolling back and search (PROTOCOL §8.4)', () => {
      it('finds words of both sides across the history, ignoring case and accents, newest first, on any device', async () => {
        const alice = await registered(`alice@${north}`);
        const bob = await registered(`bob@${south}`);
        await befriend(alice, bob);
        await alice.sendMessage(bob.address, 'Lunch at the café?');
        await bob.sync();
        await bob.sendMessage(alice.address, 'CAFE sounds good');
        await alice.sync();
        await alice.sendMessage(bob.address, 'noon then');
        const progress: { pagesDone: number; pagesTotal: number }[] = [];

        const results = await alice.search('cafe', { onProgress: (step) => progress.push(step) });

        // The real client's test clock stands still, so both were sent at the same moment: the order is the unit tests'.
        expect(results).toHaveLength(2);
        expect(results).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ friend: bob.address, direction: 'in', snippet: 'CAFE sounds good', match: { start: 0, length: 4 } }),
            expect.objectContaining({ friend: bob.address, direction: 'out', snippet: 'Lunch at the café?', match: { start: 13, length: 4 } }),
          ]),
        );
        for (const result of results) expect(alice.conversation(bob.address)).toContainEqual(expect.objectContaining({ kind: 'message', id: result.messageId }));
        expect(progress.at(-1)).toEqual(expect.objectContaining({ pagesDone: progress.at(-1)?.pagesTotal }));
        expect(await alice.search('sounds lunch')).toEqual([]);
        expect(await alice.search('   ')).toEqual([]);

        const phone = await world.device().logIn(alice.address, PASSWORD);
        expect((await phone.search('NOON')).map((result) => result.snippet)).toEqual(['noon then']);
      });

      it('reports the first results before the search completes when they are in the newest messages', async () => {
        const alice = await registered(`alice@${north}`);
        const bob = await registered(`bob@${south}`);
        await befriend(alice, bob);
        await alice.sendMessage(bob.address, 'an older note');
        await alice.sendMessage(bob.address, 'the newest note');
        const events: string[] = [];

        const results = await alice.search('note', { onResults: (soFar) => events.push(`results: ${soFar.map((result) => result.snippet).join(', ')}`) });
        events.push('done');

        expect(events[0]).toMatch(/^results: /);
        expect(events.at(-2)).toBe(`results: ${results.map((result) => result.snippet).join(', ')}`);
        expect(events.at(-1)).toBe('done');
        expect(results.map((result) => result.snippet).sort()).toEqual(['an older note', 'the newest note']);
      });

      it('knows without loading whether older messages may be there: none in a new chat, some on a new device after a long chat, none once all are loaded', async () => {
        const alice = await registered(`alice@${north}`);
        const bob = await registered(`bob@${south}`);
        await befriend(alice, bob);
        expect(alice.hasOlder(bob.address)).toBe(false);
        expect(bob.hasOlder(alice.address)).toBe(false);
        await alice.sendMessage(bob.address, 'the first message');
        await bob.sync();
        expect((await world.device().logIn(alice.address, PASSWORD)).hasOlder(bob.address)).toBe(false);

        // Long enough to be sealed into pages by the real client and to pass the fake's page of 50.
        // Pages take the oldest messages first: a millisecond apart, which those are does not hang on ties.
        for (let n = 0; n < 120; n++) {
          await world.passMillisecond();
          await alice.sendMessage(bob.address, `${n} ${'lorem ipsum '.repeat(80)}`);
        }
        const phone = await world.device().logIn(alice.address, PASSWORD);
        expect(messageBodies(phone, bob.address, 'out')).not.toContain('the first message');
        expect(phone.hasOlder(bob.address)).toBe(true);
        expect(phone.hasOlder(alice.address)).toBe(false);

        // The address as a person may type it: the host in capitals is the same friend.
        const typed = bob.address.replace(/@(.*)$/, (host: string) => host.toUpperCase());
        expect(phone.hasOlder(typed)).toBe(true);
        let more = true;
        while (more) {
          more = await phone.loadOlder(typed);
          expect(phone.hasOlder(bob.address)).toBe(more);
        }
        expect(messageBodies(phone, bob.address, 'out')).toContain('the first message');
        await Promise.all([alice, bob, phone].map((session) => session.logOut()));
      });

      it('says when there is nothing older to load, and stops a search whose signal aborted with search_cancelled', async () => {
        const alice = await registered(`alice@${north}`);
        const bob = await registered(`bob@${south}`);
        await befriend(alice, bob);
        await alice.sendMessage(bob.address, 'the only message');
        const phone = await world.device().logIn(alice.address, PASSWORD);

        expect(await phone.loadOlder(bob.address)).toBe(false);
        expect(messageBodies(phone, bob.address, 'out')).toEqual(['the only message']);
        const stop = new AbortController();
        stop.abort();
        expect((await failureOf(phone.search('only', { signal: stop.signal }))).code).toBe('search_cancelled');
      });
    });

    describe('message types (PROTOCOL §11)', () => {
      type MessageEntry = Extract<ConversationEntry, { kind: 'message' }>;
      const entryOf = (session: MessengerSession, friend: string, predicate: (entry: MessageEntry) => boolean): MessageEntry => {
        const found = session.conversation(friend).find((entry): entry is MessageEntry => entry.kind === 'message' && predicate(entry));
        if (found === undefined) throw new Error('no such message in the conversation');
        return found;
      };
      const withBody = (body: string) => (entry: MessageEntry) => entry.body === body;
      const withId = (id: string) => (entry: MessageEntry) => entry.id === id;
      const friends = async (): Promise<[MessengerSession, MessengerSession]> => {
        const alice = await registered(`alice@${north}`);
        const bob = await registered(`bob@${south}`);
        await befriend(alice, bob);
        return [alice, bob];
      };

      it('sends a reply both sides show with the quoted message, and refuses to quote what is not there', async () => {
        const [alice, bob] = await friends();
        await alice.sendMessage(bob.address, 'lunch at noon?');
        await bob.sync();
        const question = entryOf(bob, alice.address, withBody('lunch at noon?'));
        await bob.reply(alice.address, question.id, 'yes, the usual place');
        expect(entryOf(bob, alice.address, withBody('yes, the usual place')).replyTo).toEqual({ id: question.id, direction: 'in', snippet: 'lunch at noon?', gone: false });
        await alice.sync();
        expect(entryOf(alice, bob.address, withBody('yes, the usual place')).replyTo).toEqual({ id: question.id, direction: 'out', snippet: 'lunch at noon?', gone: false });
        expect((await failureOf(bob.reply(alice.address, 'no-such-message', 'hm'))).code).toBe('unknown_message');
      });

      it('says a reply quotes a message that is gone once the quoted message disappeared, on both sides', async () => {
        const [alice, bob] = await friends();
        await alice.sendMessage(bob.address, 'the door code is 4711', { expiresIn: 300 });
        await bob.sync();
        const quoted = entryOf(bob, alice.address, withBody('the door code is 4711'));
        await bob.markRead(alice.address);
        await bob.reply(alice.address, quoted.id, 'got it');
        expect(entryOf(bob, alice.address, withBody('got it')).replyTo).toEqual({ id: quoted.id, direction: 'in', snippet: 'the door code is 4711', gone: false });

        await world.passTime(300 * 1000);
        const gone = { id: quoted.id, direction: null, snippet: null, gone: true };
        expect(entryOf(bob, alice.address, withBody('got it')).replyTo).toEqual(gone);
        await alice.sync();
        expect(entryOf(alice, bob.address, withBody('got it')).replyTo).toEqual(gone);
        // Still gone once a write has tombstoned it.
        await bob.sendMessage(alice.address, 'thanks');
        expect(entryOf(bob, alice.address, withBody('got it')).replyTo).toEqual(gone);
      });

      it('edits and deletes own messages for both sides, and refuses to touch the friend’s', async () => {
        const [alice, bob] = await friends();
        await alice.sendMessage(bob.address, 'see you at 8');
        const { id } = entryOf(alice, bob.address, withBody('see you at 8'));
        await bob.sync();
        await alice.editMessage(bob.address, id, 'see you at 9');
        expect(entryOf(alice, bob.address, withId(id))).toMatchObject({ body: 'see you at 9', edited: true, deleted: false });
        await bob.sync();
        expect(entryOf(bob, alice.address, withId(id))).toMatchObject({ body: 'see you at 9', edited: true, deleted: false });

        expect((await failureOf(bob.editMessage(alice.address, id, 'at 10'))).code).toBe('not_own_message');
        expect((await failureOf(bob.deleteMessage(alice.address, id))).code).toBe('not_own_message');

        await alice.deleteMessage(bob.address, id);
        expect(entryOf(alice, bob.address, withId(id))).toMatchObject({ body: '', deleted: true });
        // Told to bob's server in the background.
        await afterSteps(() => bob.conversation(alice.address).some((entry) => entry.kind === 'message' && entry.id === id && entry.deleted), () => bob.sync());
        expect(entryOf(bob, alice.address, withId(id))).toMatchObject({ body: '', deleted: true });
        expect(messageBodies(bob, alice.address, 'in')).toEqual(['']);
      });

      it('keeps one reaction per person per message: a new one replaces it, "" takes it back, and only emoji', async () => {
        const [alice, bob] = await friends();
        await alice.sendMessage(bob.address, 'we won!');
        await bob.sync();
        const { id } = entryOf(bob, alice.address, withBody('we won!'));
        await bob.react(alice.address, id, '👍');
        await bob.react(alice.address, id, '🎉');
        expect(entryOf(bob, alice.address, withId(id)).reactions).toEqual([{ emoji: '🎉', by: ['out'] }]);
        await alice.sync();
        expect(entryOf(alice, bob.address, withId(id)).reactions).toEqual([{ emoji: '🎉', by: ['in'] }]);
        await alice.react(bob.address, id, '🎉');
        expect(entryOf(alice, bob.address, withId(id)).reactions.map(({ emoji, by }) => ({ emoji, by: [...by].sort() }))).toEqual([{ emoji: '🎉', by: ['in', 'out'] }]);
        await bob.react(alice.address, id, '');
        await alice.sync();
        expect(entryOf(alice, bob.address, withId(id)).reactions).toEqual([{ emoji: '🎉', by: ['out'] }]);
        expect((await failureOf(bob.react(alice.address, id, 'ok'))).code).toBe('invalid_emoji');
      });

      it('sets a disappearing timer both sides show and apply; the friend’s countdown starts when they read', async () => {
        const [alice, bob] = await friends();
        await alice.setDisappearingTimer(bob.address, 3600);
        expect(friendOf(alice, bob.address)?.disappearingTimer).toBe(3600);
        expect(alice.conversation(bob.address)).toEqual([expect.objectContaining({ kind: 'timer', direction: 'out', seconds: 3600 })]);
        await bob.sync();
        expect(friendOf(bob, alice.address)?.disappearingTimer).toBe(3600);
        expect(bob.conversation(alice.address)).toEqual([expect.objectContaining({ kind: 'timer', direction: 'in', seconds: 3600 })]);

        await alice.sendMessage(bob.address, 'this goes away');
        const sent = entryOf(alice, bob.address, withBody('this goes away'));
        expect(sent).toMatchObject({ expiresIn: 3600, expiresAt: sent.sentAt + 3600 * 1000 });
        await bob.sync();
        expect(entryOf(bob, alice.address, withBody('this goes away'))).toMatchObject({ expiresIn: 3600, expiresAt: null });
        await bob.markRead(alice.address);
        expect(entryOf(bob, alice.address, withBody('this goes away')).expiresAt).toEqual(expect.any(Number));

        expect((await failureOf(bob.setDisappearingTimer(alice.address, 1))).code).toBe('invalid_timer');
        await bob.setDisappearingTimer(alice.address, null);
        await alice.sync();
        expect(friendOf(alice, bob.address)?.disappearingTimer).toBeNull();
        await alice.sendMessage(bob.address, 'this stays');
        expect(entryOf(alice, bob.address, withBody('this stays'))).toMatchObject({ expiresIn: null, expiresAt: null });
      });

      it('sends and shows read receipts only while the setting is on (off by default)', async () => {
        const [alice, bob] = await friends();
        expect(alice.overview().readReceipts).toBe(false);
        await alice.sendMessage(bob.address, 'unseen');
        await bob.sync();
        await bob.markRead(alice.address);
        await alice.sync();
        expect(entryOf(alice, bob.address, withBody('unseen')).readByFriend).toBe(false);

        await alice.setReadReceipts(true);
        await bob.setReadReceipts(true);
        expect(alice.overview().readReceipts).toBe(true);
        await alice.sendMessage(bob.address, 'seen?');
        await bob.sync();
        await bob.markRead(alice.address);
        // The receipt goes to alice's server after markRead resolved, without it waiting.
        await afterSteps(() => entryOf(alice, bob.address, withBody('seen?')).readByFriend, () => alice.sync());
        await alice.setReadReceipts(false);
        expect(entryOf(alice, bob.address, withBody('seen?')).readByFriend).toBe(false);
      });
    });

    describe('files (PROTOCOL §9)', () => {
      type MessageEntry = Extract<ConversationEntry, { kind: 'message' }>;
      const withFiles = (session: MessengerSession, friend: string): MessageEntry[] =>
        session.conversation(friend).filter((entry): entry is MessageEntry => entry.kind === 'message' && entry.files.length > 0);

      it('sends files both sides show (name without a path, type, size) and download byte for byte, with progress', async () => {
        const alice = await registered(`alice@${north}`);
        const bob = await registered(`bob@${south}`);
        await befriend(alice, bob);
        const bytes = new Uint8Array(1536 * 1024).map((_, i) => i % 251);
        const progress: number[] = [];
        await alice.sendFiles(
          bob.address,
          [
            { name: 'notes/../plan.txt', type: 'text/plain', bytes: new Blob([bytes]) },
            { name: 'empty', type: '', bytes: new Uint8Array(0) },
          ],
          (step) => progress.push(step.bytesDone),
        );
        expect(progress.at(-2)).toBe(bytes.length);
        const views = [
          { name: 'plan.txt', type: 'text/plain', size: bytes.length, thumbnail: null },
          { name: 'empty', type: '', size: 0, thumbnail: null },
        ];
        const [sent] = withFiles(alice, bob.address);
        expect(sent?.files).toEqual(views);
        await bob.sync();
        const [received] = withFiles(bob, alice.address);
        expect(received?.files).toEqual(views);
        expect(bob.overview().friends.find((friend) => friend.address === alice.address)?.lastMessage).toEqual({ body: '📎 plan.txt, empty', direction: 'in' });
        const downloadProgress: DownloadProgress[] = [];
        const downloaded = await bob.downloadFile(alice.address, received?.id ?? '', 0, { onProgress: (step) => downloadProgress.push(step) });
        expect(downloaded.kind === 'file' && [downloaded.name, downloaded.type, Buffer.from(downloaded.bytes).equals(Buffer.from(bytes))]).toEqual(['plan.txt', 'text/plain', true]);
        expect(downloadProgress.at(-1)).toEqual({ bytesDone: bytes.length, bytesTotal: bytes.length });
        const cancelled = new AbortController();
        cancelled.abort();
        expect((await failureOf(bob.downloadFile(alice.address, received?.id ?? '', 0, { signal: cancelled.signal }))).code).toBe('upload_cancelled');
        const own = await alice.downloadFile(bob.address, sent?.id ?? '', 1);
        expect(own).toEqual({ kind: 'file', name: 'empty', type: '', bytes: new Uint8Array(0) });
        expect((await failureOf(bob.downloadFile(alice.address, received?.id ?? '', 2))).code).toBe('unknown_message');
      });

      it('refuses a file over 100 MiB before sending anything, and stops with upload_cancelled when cancelled', async () => {
        const alice = await registered(`alice@${north}`);
        const bob = await registered(`bob@${south}`);
        await befriend(alice, bob);
        const huge = { size: 100 * 1024 * 1024 + 1, slice: () => new Blob([]) } as unknown as Blob;
        const refused = await failureOf(alice.sendFiles(bob.address, [{ name: 'huge.iso', type: '', bytes: huge }]));
        expect([refused.code, refused.message]).toEqual(['file_too_large', 'huge.iso is larger than the 100 MB your server lets you send.']);
        const controller = new AbortController();
        controller.abort();
        expect((await failureOf(alice.sendFiles(bob.address, [{ name: 'a.txt', type: 'text/plain', bytes: new Uint8Array(10) }], undefined, controller.signal))).code).toBe(
          'upload_cancelled',
        );
        expect(withFiles(alice, bob.address)).toEqual([]);
      });
    });

    describe('change events', () => {
      it('tells listeners about local changes and about what a sync brought, until they unsubscribe', async () => {
        const alice = await registered(`alice@${north}`);
        const bob = await registered(`bob@${south}`);
        const seen: AccountOverview[] = [];
        const stop = bob.onChange((overview) => seen.push(overview));
        await bob.setOpenInbox(true);
        expect(seen.at(-1)?.openInbox).toBe(true);

        await alice.sendFriendRequest(bob.address, '', solver(bob.address));
        await bob.sync();
        expect(seen.at(-1)?.incomingRequests.map((request) => request.from)).toEqual([alice.address]);

        stop();
        const count = seen.length;
        await bob.setOpenInbox(false);
        expect(seen).toHaveLength(count);
      });

      it('keeps a live session up to date without a sync call, until it is stopped', async () => {
        const alice = await registered(`alice@${north}`);
        const bob = await registered(`bob@${south}`);
        await befriend(alice, bob);
        const stop = bob.goLive();
        try {
          await alice.sendMessage(bob.address, 'pushed, not polled');
          await changedUntil(bob, () => messageBodies(bob, alice.address, 'in').includes('pushed, not polled'));
        } finally {
          stop();
        }
        await alice.sendMessage(bob.address, 'after stopping');
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(messageBodies(bob, alice.address, 'in')).toEqual(['pushed, not polled']);
        await bob.sync();
        expect(messageBodies(bob, alice.address, 'in')).toEqual(['pushed, not polled', 'after stopping']);
      });
    });
  });
}
