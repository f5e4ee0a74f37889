import { InboxNotifier } from '../../application/ports/system-ports';

/** Listeners per account, in this process (one server process serves one set of accounts). */
export class InProcessInboxNotifier implements InboxNotifier {
  private readonly listeners = new Map<string, Set<() => void>>();

  notify(owner: string): void {
    for (const listener of [...(this.listeners.get(owner) ?? [])]) listener();
  }

  subscribe(owner: string, listener: () => void): () => void {
    const forOwner = this.listeners.get(owner) ?? new Set<() => void>();
    forOwner.add(listener);
    this.listeners.set(owner, forOwner);
    return () => {
      forOwner.delete(listener);
      if (forOwner.size === 0 && this.listeners.get(owner) === forOwner) this.listeners.delete(owner);
    };
  }

  /** Nothing to release: the listeners live and die with this process. */
  async close(): Promise<void> {}

  /** How many accounts currently have listeners (so tests can see cleanup). */
  get subscribedOwners(): number {
    return this.listeners.size;
  }
}
