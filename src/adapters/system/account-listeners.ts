import { AccountEvent } from '../../application/ports/inbox-notifier';

export type AccountListener = (event: AccountEvent) => void;

/**
 * The `/inbox/events` listeners of each account in this process: what every inbox notifier keeps,
 * whatever tells it that something happened.
 */
export class AccountListeners {
  private readonly byOwner = new Map<string, Set<AccountListener>>();

  /** `onLastGone` runs when an account's last listener leaves, so per-account state can go with it. */
  constructor(
    private readonly onListenerFailed: (error: unknown) => void,
    private readonly onLastGone: (owner: string) => void = () => {},
  ) {}

  add(owner: string, listener: AccountListener): () => void {
    const forOwner = this.byOwner.get(owner) ?? new Set<AccountListener>();
    forOwner.add(listener);
    this.byOwner.set(owner, forOwner);
    return () => {
      forOwner.delete(listener);
      if (forOwner.size === 0 && this.byOwner.get(owner) === forOwner) {
        this.byOwner.delete(owner);
        this.onLastGone(owner);
      }
    };
  }

  emit(owner: string, event: AccountEvent): void {
    for (const listener of [...(this.byOwner.get(owner) ?? [])]) {
      try {
        listener(event);
      } catch (error) {
        // One broken listener (a closed connection) must not keep the others from hearing.
        this.onListenerFailed(error);
      }
    }
  }

  has(owner: string): boolean {
    return this.byOwner.has(owner);
  }

  owners(): string[] {
    return [...this.byOwner.keys()];
  }

  get ownerCount(): number {
    return this.byOwner.size;
  }
}
