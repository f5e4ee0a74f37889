import { AccountEvent, InboxNotifier } from '../../application/ports/inbox-notifier';

/** Listeners per account, in this process (one server process serves one set of accounts). */
export class InProcessInboxNotifier implements InboxNotifier {
  private readonly listeners = new Map<string, Set<(event: AccountEvent) => void>>();

  notify(owner: string): void {
    this.emit(owner, { kind: 'inbox' });
  }

  notifyBlob(owner: string, version: number, origin: string): void {
    this.emit(owner, { kind: 'blob', version, origin });
  }

  subscribe(owner: string, listener: (event: AccountEvent) => void): () => void {
    const forOwner = this.listeners.get(owner) ?? new Set<(event: AccountEvent) => void>();
    forOwner.add(listener);
    this.listeners.set(owner, forOwner);
    return () => {
      forOwner.delete(listener);
      if (forOwner.size === 0 && this.listeners.get(owner) === forOwner) this.listeners.delete(owner);
    };
  }

  private emit(owner: string, event: AccountEvent): void {
    for (const listener of [...(this.listeners.get(owner) ?? [])]) listener(event);
  }

  /** Nothing to release: the listeners live and die with this process. */
  async close(): Promise<void> {}

  /** How many accounts currently have listeners (so tests can see cleanup). */
  get subscribedOwners(): number {
    return this.listeners.size;
  }
}
