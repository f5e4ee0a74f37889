/** Bounds one transaction's length (each item is a few operations, one after the other). */
const DEFAULT_MAX_BATCH = 64;

interface Waiting<I, O> {
  readonly input: I;
  readonly resolve: (output: O) => void;
  readonly reject: (error: unknown) => void;
}

export interface BatchRunner<I, O> {
  /** Runs several inputs of one key in one transaction: all of them commit, or the call throws and none does. */
  readonly runBatch: (inputs: readonly I[]) => Promise<O[]>;
  /** Runs one input in a transaction of its own. */
  readonly runOne: (input: I) => Promise<O>;
}

/**
 * Work on one key (an inbox) runs one transaction at a time; what arrives meanwhile waits and then
 * shares the next transaction. In MongoDB two transactions on one inbox conflict on its counter
 * document, and the driver retries the loser from the start: concurrent drops into one inbox cost
 * conflicts and retries instead of running in parallel. Queued, they cost one commit per batch.
 * A lone arrival runs at once. Different keys never wait for each other. When a batch throws,
 * nothing of it was committed and each of its inputs runs again alone, so one bad input fails
 * alone and the others succeed.
 */
export class PerKeyBatches<I, O> {
  private readonly waiting = new Map<string, Waiting<I, O>[]>();

  constructor(
    private readonly runner: BatchRunner<I, O>,
    private readonly maxBatch = DEFAULT_MAX_BATCH,
  ) {}

  submit(key: string, input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      const queued = this.waiting.get(key);
      if (queued) {
        queued.push({ input, resolve, reject });
        return;
      }
      const queue = [{ input, resolve, reject }];
      this.waiting.set(key, queue);
      void this.drain(key, queue);
    });
  }

  /** Runs the key's queue batch by batch until it is empty; the queue is in `waiting` exactly while this runs. */
  private async drain(key: string, queue: Waiting<I, O>[]): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.splice(0, this.maxBatch);
      const [first] = batch;
      if (batch.length === 1 && first) await this.runAlone(first);
      else await this.runTogether(batch);
    }
    this.waiting.delete(key);
  }

  private async runTogether(batch: readonly Waiting<I, O>[]): Promise<void> {
    let outputs: O[];
    try {
      outputs = await this.runner.runBatch(batch.map((item) => item.input));
    } catch {
      for (const item of batch) await this.runAlone(item);
      return;
    }
    batch.forEach((item, index) => item.resolve(outputs[index] as O));
  }

  private async runAlone(item: Waiting<I, O>): Promise<void> {
    try {
      item.resolve(await this.runner.runOne(item.input));
    } catch (error) {
      item.reject(error);
    }
  }
}
