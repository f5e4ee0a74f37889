import { MessengerError, MessengerSession } from '../../../../src/application/client/messenger';
import { heldDrops } from '../../../support/held-drops';
import { createAliceAndBobSessions } from '../../../support/session-world';
import { afterSteps, settlesWithin, until } from '../../../support/waiting';

describe('deleting a message that failed', () => {
  it('deletes it here and it is never resent: the friend sees nothing of it, not even a gap once the next message comes', async () => {
    const { alice, bob, outage } = await createAliceAndBobSessions({ alice: 'alice@north.example', bob: 'bob@south.example' });
    await bob.sync();

    const southDown = outage('south.example');
    await expect(alice.sendMessage(bob.address, 'sent while you were away')).rejects.toBeInstanceOf(MessengerError);
    const [failed] = alice.conversation(bob.address);
    expect(failed).toMatchObject({ kind: 'message', state: 'failed' });
    await alice.deleteMessage(bob.address, failed?.kind === 'message' ? failed.id : '');
    southDown.restore();

    expect(alice.conversation(bob.address)).toEqual([]);
    await alice.retryMessage(bob.address, failed?.kind === 'message' ? failed.id : '');
    await alice.sendMessage(bob.address, 'hello again');
    await bob.sync();
    // Its seq was used: the delete that names it, sent before the next message, fills it.
    expect(bob.conversation(alice.address).map((entry) => (entry.kind === 'message' ? entry.body : entry.kind))).toEqual(['hello again']);
    expect(alice.conversation(bob.address).map((entry) => (entry.kind === 'message' ? entry.body : entry.kind))).toEqual(['hello again']);
  });

  it('takes it back at the friend’s when its drop reached their server but the answer was lost', async () => {
    const world = await createAliceAndBobSessions({ alice: 'alice@north.example', bob: 'bob@south.example' });
    const south = heldDrops(world.servers, 'south.example');
    const alice = await world.logIn(world.alice, { gateways: south.gateways });
    const { bob } = world;
    await bob.sync();

    south.loseAnswers(true);
    await expect(alice.sendMessage(bob.address, 'sent to the wrong person')).rejects.toBeInstanceOf(MessengerError);
    south.loseAnswers(false);
    const [failed] = alice.conversation(bob.address);
    expect(failed).toMatchObject({ kind: 'message', state: 'failed' });
    const id = failed?.kind === 'message' ? failed.id : '';
    await settlesWithin(alice.deleteMessage(bob.address, id));
    expect(alice.conversation(bob.address)).toEqual([]);

    await afterSteps(() => deletedAt(bob, alice.address, id), () => bob.sync());
    expect(bob.conversation(alice.address).filter((entry) => entry.kind === 'message' && entry.body !== '')).toEqual([]);
    expect(alice.conversation(bob.address)).toEqual([]);
  });

  it('takes it back at the friend’s when a resend of it got through but writing so to our own server failed before Delete', async () => {
    const held = await resendHeldAtBob();
    const { alice, bob, south, id } = held;
    south.failWrites(true);
    await alice.sync().catch(() => undefined);
    south.failWrites(false);
    await bob.sync();
    expect(bob.conversation(alice.address).map((entry) => entry.kind === 'message' && entry.body)).toEqual(['sent to the wrong person']);
    // Nothing here knows it got through: it still shows failed, and no resend of it is under way.
    expect(entryOf(alice, bob.address, id)).toMatchObject({ state: 'failed' });

    await settlesWithin(alice.deleteMessage(bob.address, id));
    expect(alice.conversation(bob.address)).toEqual([]);
    await afterSteps(() => deletedAt(bob, alice.address, id), () => bob.sync());
    expect(bob.conversation(alice.address).filter((entry) => entry.kind === 'message' && entry.body !== '')).toEqual([]);
  });

  it('opens no older page of the chat on a new device while the friend’s server has not taken the delete yet', async () => {
    const world = await createAliceAndBobSessions({ alice: 'alice@north.example', bob: 'bob@south.example' });
    const { alice, bob, clock } = world;
    // A history long enough to be sealed into pages.
    for (let n = 0; n < 120; n++) {
      clock.set(clock.now() + 1);
      await alice.sendMessage(bob.address, `${n} ${'lorem ipsum '.repeat(80)}`);
    }
    const id = await failedMessage(world, alice, 'sent to the wrong person');
    const southDown = world.outage('south.example');
    try {
      await alice.deleteMessage(bob.address, id);
      const counted = heldDrops(world.servers, 'south.example');
      const laptop = await world.logIn(alice, { gateways: counted.gateways });
      const readAtLogIn = counted.objectReads();
      // The delete still waits for bob's server, and this sync writes its failed resend down.
      await laptop.sync().catch(() => undefined);
      expect(counted.objectReads()).toBe(readAtLogIn);
      expect(laptop.conversation(bob.address).some((entry) => entry.kind === 'message' && entry.id === id)).toBe(false);
      await laptop.logOut();
    } finally {
      southDown.restore();
    }
    await alice.logOut();
  });

  it('leaves no mark of one refused as too large once an older page holds it, nor a gap at the friend’s', async () => {
    const world = await createAliceAndBobSessions({ alice: 'alice@north.example', bob: 'bob@south.example' });
    const south = heldDrops(world.servers, 'south.example');
    const alice = await world.logIn(world.alice, { gateways: south.gateways });
    const { bob, clock } = world;
    await bob.sync();
    south.refuseAsTooLarge(true);
    await expect(alice.sendMessage(bob.address, 'too much for bob’s server')).rejects.toBeInstanceOf(MessengerError);
    south.refuseAsTooLarge(false);
    const id = alice.conversation(bob.address).find((entry) => entry.kind === 'message')?.id ?? '';
    // A history long enough to seal it, refused for good, into a page.
    for (let n = 0; n < 120; n++) {
      clock.set(clock.now() + 1);
      await alice.sendMessage(bob.address, `${n} ${'lorem ipsum '.repeat(80)}`);
    }
    expect(entryOf(alice, bob.address, id)).toMatchObject({ state: 'failed', undeliverable: 'too-large' });

    await settlesWithin(alice.deleteMessage(bob.address, id));
    expect(entryOf(alice, bob.address, id)).toBeUndefined();
    await alice.sendMessage(bob.address, 'hello again');
    await bob.sync();
    expect(bob.conversation(alice.address).filter((entry) => entry.kind !== 'message' || entry.deleted)).toEqual([]);
    expect(entryOf(alice, bob.address, id)).toBeUndefined();
  });

  it('sends the friend’s device into no older page of the chat for a message that never reached them', async () => {
    const world = await createAliceAndBobSessions({ alice: 'alice@north.example', bob: 'bob@south.example' });
    const { alice, bob, clock } = world;
    for (let n = 0; n < 120; n++) {
      clock.set(clock.now() + 1);
      await alice.sendMessage(bob.address, `${n} ${'lorem ipsum '.repeat(80)}`);
    }
    // bob's history is long enough to be sealed into pages.
    await bob.sync();
    const id = await failedMessage(world, alice, 'sent to the wrong person');
    await alice.deleteMessage(bob.address, id);
    // Sent after the delete in bob's lane: the delete reached his server once this did.
    await alice.sendMessage(bob.address, 'hello again');

    const counted = heldDrops(world.servers, 'north.example', 'south.example');
    const phone = await world.logIn(bob, { gateways: counted.gateways });
    const readAtLogIn = counted.objectReads();
    await phone.sync();
    expect(phone.conversation(alice.address).at(-1)).toMatchObject({ kind: 'message', body: 'hello again' });
    expect(counted.objectReads()).toBe(readAtLogIn);
    await phone.logOut();
  });
});

/** An entry of `friend`'s in `session`'s chat, by id. */
const entryOf = (session: MessengerSession, friend: string, id: string) => session.conversation(friend).find((entry) => entry.kind === 'message' && entry.id === id);

/** `friend`'s message `id` shows deleted in `session`'s chat. */
const deletedAt = (session: MessengerSession, friend: string, id: string) => {
  const entry = entryOf(session, friend, id);
  return entry?.kind === 'message' && entry.deleted;
};

/** A message of `alice`'s to bob that failed while bob's server was down: its id. */
const failedMessage = async (world: Awaited<ReturnType<typeof createAliceAndBobSessions>>, alice: MessengerSession, body: string): Promise<string> => {
  const southDown = world.outage('south.example');
  await expect(alice.sendMessage(world.bob.address, body)).rejects.toBeInstanceOf(MessengerError);
  southDown.restore();
  const failed = alice.conversation(world.bob.address).find((entry) => entry.kind === 'message' && entry.body === body);
  return failed?.kind === 'message' ? failed.id : '';
};

/** alice on a device whose drops at bob's server wait while `south` holds them, with a message to bob that failed. */
const resendHeldAtBob = async () => {
  const world = await createAliceAndBobSessions({ alice: 'alice@north.example', bob: 'bob@south.example' });
  const south = heldDrops(world.servers, 'south.example');
  const alice = await world.logIn(world.alice, { gateways: south.gateways });
  await world.bob.sync();
  const id = await failedMessage(world, alice, 'sent to the wrong person');
  return { world, alice, bob: world.bob, south, id };
};

/** Starts a sync whose resend of the failed message waits at bob's server, and deletes that message meanwhile: the sync under way. */
const deleteWhileResending = async ({ alice, bob, south, id }: Awaited<ReturnType<typeof resendHeldAtBob>>) => {
  south.hold();
  const before = south.drops();
  const syncing = alice.sync();
  await until(() => south.drops() > before);
  // bob's server has not answered the resend yet: deleting waits for nothing of it.
  await settlesWithin(alice.deleteMessage(bob.address, id));
  return { syncing };
};

/** Starts a sync whose resend of the failed message `id` gets no answer from bob's server, and deletes that message meanwhile: `silence` to release. */
const deleteWhileSilent = async (world: Awaited<ReturnType<typeof createAliceAndBobSessions>>, alice: MessengerSession, id: string) => {
  const silence = world.silence('south.example');
  try {
    const syncing = alice.sync();
    syncing.catch(() => undefined);
    await until(() => silence.calls() > 0);
    await settlesWithin(alice.deleteMessage(world.bob.address, id));
    return { silence, syncing };
  } catch (error) {
    silence.release();
    throw error;
  }
};

describe('deleting a failed message while a resend of it waits on the friend’s server', () => {
  it('deletes it at once; once that resend got through, the friend is told it is deleted', async () => {
    const held = await resendHeldAtBob();
    const { alice, bob, south, id } = held;
    const { syncing } = await deleteWhileResending(held);
    expect(entryOf(alice, bob.address, id)).toBeUndefined();

    south.release();
    await syncing;
    // It got through: a delete follows it in the background, and bob's chat shows it deleted.
    await afterSteps(() => deletedAt(bob, alice.address, id), () => bob.sync());
    expect(bob.conversation(alice.address).filter((entry) => entry.kind === 'message' && entry.body === 'sent to the wrong person')).toEqual([]);
    expect(alice.conversation(bob.address)).toEqual([]);
  });

  it('tells the friend it is deleted when that resend got through but writing so to our own server failed', async () => {
    const held = await resendHeldAtBob();
    const { world, alice, bob, south, id } = held;
    // Resent with it, so that the resend has an outcome to write.
    await failedMessage(world, alice, 'and this one to you');
    const { syncing } = await deleteWhileResending(held);
    south.failWrites(true);
    south.release();
    await syncing.catch(() => undefined);
    south.failWrites(false);

    await afterSteps(() => deletedAt(bob, alice.address, id), async () => {
      await alice.sync().catch(() => undefined);
      await bob.sync();
    });
    expect(alice.conversation(bob.address).map((entry) => entry.kind === 'message' && entry.body)).toEqual(['and this one to you']);
  });

  it('tells the friend it is deleted when our own server failed the writes after that resend, at a later sync', async () => {
    const held = await resendHeldAtBob();
    const { alice, bob, south, id } = held;
    const { syncing } = await deleteWhileResending(held);
    south.failWrites(true);
    south.release();
    await syncing;
    await until(() => south.failedWrites() > 0);
    south.failWrites(false);

    await afterSteps(() => deletedAt(bob, alice.address, id), async () => {
      await alice.sync();
      await bob.sync();
    });
    expect(alice.conversation(bob.address)).toEqual([]);
  });

  it('tells the friend it is deleted from the next session when this one ended before that resend got through', async () => {
    const held = await resendHeldAtBob();
    const { world, alice, bob, south, id } = held;
    const { syncing } = await deleteWhileResending(held);
    // The tab closes (logged out here, so nothing of this session goes on) while bob's server still holds the resend.
    await alice.logOut();
    south.release();
    await syncing.catch(() => undefined);
    await bob.sync();
    expect(bob.conversation(alice.address).map((entry) => entry.kind === 'message' && entry.body)).toEqual(['sent to the wrong person']);

    const reloaded = await world.logIn(alice);
    expect(reloaded.conversation(bob.address)).toEqual([]);
    await afterSteps(() => deletedAt(bob, alice.address, id), async () => {
      await reloaded.sync();
      await bob.sync();
    });
    expect(bob.conversation(alice.address).filter((entry) => entry.kind === 'message' && entry.body === 'sent to the wrong person')).toEqual([]);
    expect(reloaded.conversation(bob.address)).toEqual([]);
  });

  it('shows neither side anything of it when that resend failed and the session ended before the delete went', async () => {
    const world = await createAliceAndBobSessions({ alice: 'alice@north.example', bob: 'bob@south.example' });
    const { alice, bob } = world;
    await bob.sync();
    const id = await failedMessage(world, alice, 'never mind');
    const { silence } = await deleteWhileSilent(world, alice, id);
    try {
      await alice.logOut();
    } finally {
      silence.release();
    }

    // The next session, while bob's server is down: the delete waiting for it is no message of the chat, failed or not.
    const southDown = world.outage('south.example');
    const reloaded = await world.logIn(alice);
    await reloaded.sync().catch(() => undefined);
    expect(reloaded.conversation(bob.address)).toEqual([]);
    southDown.restore();
    await reloaded.sync();
    await reloaded.sendMessage(bob.address, 'hello again');
    await bob.sync();
    // The delete came for a message bob never had: no mark, and no "a message may be missing" for it.
    expect(bob.conversation(alice.address).map((entry) => (entry.kind === 'message' ? entry.body : entry.kind))).toEqual(['hello again']);
    expect(reloaded.conversation(bob.address).map((entry) => entry.kind === 'message' && entry.body)).toEqual(['hello again']);
  });

  it('deletes it at once; when that resend fails, the friend sees nothing of it and it is never sent again', async () => {
    const world = await createAliceAndBobSessions({ alice: 'alice@north.example', bob: 'bob@south.example' });
    const { alice, bob } = world;
    await bob.sync();
    const id = await failedMessage(world, alice, 'never mind');

    const { silence, syncing } = await deleteWhileSilent(world, alice, id);
    try {
      expect(alice.conversation(bob.address)).toEqual([]);
      silence.release();
      await syncing;
    } finally {
      silence.release();
    }
    await alice.sync();
    await bob.sync();
    expect(bob.conversation(alice.address)).toEqual([]);
  });
});
