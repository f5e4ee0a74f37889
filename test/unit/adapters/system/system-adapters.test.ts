import { CryptoRandomSource } from '../../../../src/adapters/system/crypto-random-source';
import { InProcessInboxNotifier } from '../../../../src/adapters/system/in-process-inbox-notifier';
import { RandomIdGenerator } from '../../../../src/adapters/system/random-id-generator';

describe('RandomIdGenerator', () => {
  it('makes 128-bit URL-safe ids that do not repeat', () => {
    const ids = new RandomIdGenerator();
    const made = Array.from({ length: 1000 }, () => ids.next());
    expect(new Set(made).size).toBe(1000);
    for (const id of made) expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});

describe('CryptoRandomSource', () => {
  it('returns the requested number of bytes', () => {
    const random = new CryptoRandomSource();
    expect(random.bytes(32)).toHaveLength(32);
    expect(random.bytes(32)).not.toEqual(random.bytes(32));
  });
});

describe('InProcessInboxNotifier', () => {
  it('wakes the listeners of one owner only, until they unsubscribe', () => {
    const notifier = new InProcessInboxNotifier();
    const heard: string[] = [];
    const stopAlice = notifier.subscribe('alice', () => heard.push('alice-1'));
    notifier.subscribe('alice', () => heard.push('alice-2'));
    notifier.subscribe('bob', () => heard.push('bob'));
    notifier.notify('alice');
    expect(heard).toEqual(['alice-1', 'alice-2']);
    stopAlice();
    notifier.notify('alice');
    expect(heard).toEqual(['alice-1', 'alice-2', 'alice-2']);
  });

  it('forgets owners without listeners', () => {
    const notifier = new InProcessInboxNotifier();
    const stop = notifier.subscribe('alice', () => undefined);
    expect(notifier.subscribedOwners).toBe(1);
    stop();
    stop();
    expect(notifier.subscribedOwners).toBe(0);
  });

  it('lets a listener unsubscribe while being notified', () => {
    const notifier = new InProcessInboxNotifier();
    const heard: string[] = [];
    const stop = notifier.subscribe('alice', () => {
      heard.push('first');
      stop();
    });
    notifier.subscribe('alice', () => heard.push('second'));
    notifier.notify('alice');
    expect(heard).toEqual(['first', 'second']);
  });

  it('keeps waking the other listeners when one throws (a closed connection), and logs it', () => {
    const logged: string[] = [];
    const notifier = new InProcessInboxNotifier((line) => logged.push(line));
    const heard: string[] = [];
    notifier.subscribe('alice', () => {
      throw new Error('socket closed');
    });
    notifier.subscribe('alice', (event) => heard.push(event.kind));
    notifier.notifyBlob('alice', 2, 'jti');
    expect(heard).toEqual(['blob']);
    expect(logged).toEqual(['inbox events: a listener failed: socket closed']);
  });
});
