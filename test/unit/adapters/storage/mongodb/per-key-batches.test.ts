import { BatchRunner, PerKeyBatches } from '../../../../../src/adapters/storage/mongodb/per-key-batches';

/*
 * How the MongoDB inbox queues concurrent appends per inbox (the transactions themselves are the
 * contract suite's, which needs a replica set). A fake transaction runner records what ran
 * together and can be held open, as a transaction in flight is.
 */

interface Gate {
  readonly opened: Promise<void>;
  open(): void;
}

const aGate = (): Gate => {
  let open = (): void => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
};

/** Echoes its inputs; 'bad' makes any transaction holding it throw (and commit nothing). */
class FakeTransactions implements BatchRunner<string, string> {
  readonly ran: string[][] = [];
  readonly committed: string[] = [];
  hold: Gate | null = null;

  runBatch = async (inputs: readonly string[]): Promise<string[]> => this.transaction(inputs);
  runOne = async (input: string): Promise<string> => (await this.transaction([input]))[0] as string;

  private async transaction(inputs: readonly string[]): Promise<string[]> {
    this.ran.push([...inputs]);
    if (this.hold) await this.hold.opened;
    if (inputs.includes('bad')) throw new Error('bad input');
    this.committed.push(...inputs);
    return inputs.map((input) => `stored ${input}`);
  }
}

const flushMicrotasks = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('PerKeyBatches', () => {
  it('runs a lone arrival at once, in a transaction of its own', async () => {
    const transactions = new FakeTransactions();
    const batches = new PerKeyBatches(transactions);
    expect(await batches.submit('alice', 'a1')).toBe('stored a1');
    expect(transactions.ran).toEqual([['a1']]);
  });

  it('lets arrivals for one inbox wait while its transaction runs, then share the next one', async () => {
    const transactions = new FakeTransactions();
    const batches = new PerKeyBatches(transactions);
    transactions.hold = aGate();
    const first = batches.submit('alice', 'a1');
    await flushMicrotasks();
    const waiting = ['a2', 'a3', 'a4'].map((input) => batches.submit('alice', input));
    const gate = transactions.hold;
    transactions.hold = null;
    gate.open();

    expect(await Promise.all([first, ...waiting])).toEqual(['stored a1', 'stored a2', 'stored a3', 'stored a4']);
    expect(transactions.ran).toEqual([['a1'], ['a2', 'a3', 'a4']]);
  });

  it('never makes one inbox wait for another', async () => {
    const transactions = new FakeTransactions();
    const batches = new PerKeyBatches(transactions);
    transactions.hold = aGate();
    const alice = batches.submit('alice', 'a1');
    const bob = batches.submit('bob', 'b1');
    await flushMicrotasks();
    expect(transactions.ran).toEqual([['a1'], ['b1']]);
    transactions.hold.open();
    expect(await Promise.all([alice, bob])).toEqual(['stored a1', 'stored b1']);
  });

  it('runs each input of a failed batch again alone, so only the bad one fails', async () => {
    const transactions = new FakeTransactions();
    const batches = new PerKeyBatches(transactions);
    transactions.hold = aGate();
    const first = batches.submit('alice', 'a1');
    await flushMicrotasks();
    const waiting = ['a2', 'bad', 'a3'].map((input) => batches.submit('alice', input));
    const gate = transactions.hold;
    transactions.hold = null;
    gate.open();

    const settled = await Promise.allSettled([first, ...waiting]);
    expect(settled.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : String(outcome.reason)))).toEqual([
      'stored a1',
      'stored a2',
      'Error: bad input',
      'stored a3',
    ]);
    expect(transactions.ran).toEqual([['a1'], ['a2', 'bad', 'a3'], ['a2'], ['bad'], ['a3']]);
    expect(transactions.committed).toEqual(['a1', 'a2', 'a3']);
  });

  it('caps a batch and runs the rest in the next transaction', async () => {
    const transactions = new FakeTransactions();
    const batches = new PerKeyBatches(transactions, 2);
    transactions.hold = aGate();
    const first = batches.submit('alice', 'a1');
    await flushMicrotasks();
    const waiting = ['a2', 'a3', 'a4'].map((input) => batches.submit('alice', input));
    const gate = transactions.hold;
    transactions.hold = null;
    gate.open();
    await Promise.all([first, ...waiting]);
    expect(transactions.ran).toEqual([['a1'], ['a2', 'a3'], ['a4']]);
  });

  it('starts afresh once an inbox has nothing queued', async () => {
    const transactions = new FakeTransactions();
    const batches = new PerKeyBatches(transactions);
    await batches.submit('alice', 'a1');
    await batches.submit('alice', 'a2');
    expect(transactions.ran).toEqual([['a1'], ['a2']]);
  });
});
