import { InboxNotifier } from '../../application/ports/inbox-notifier';
import { AccountListener, AccountListeners } from './account-listeners';

/** Listeners per account, in this process (one server process serves one set of accounts). */
export class InProcessInboxNotifier implements InboxNotifier {
  private readonly listeners: AccountListeners;

  constructor(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)) {
    this.listeners = new AccountListeners((error) => log(`inbox events: a listener failed: ${error instanceof Error ? error.message : String(error)}`));
  }

  notify(owner: string): void {
    this.listeners.emit(owner, { kind: 'inbox' });
  }

  notifyBlob(owner: string, version: number, origin: string): void {
    this.listeners.emit(owner, { kind: 'blob', version, origin });
  }

  subscribe(owner: string, listener: AccountListener): () => void {
    return this.listeners.add(owner, listener);
  }

  /** Nothing to release: the listeners live and die with this process. */
  async close(): Promise<void> {}

  /** How many accounts currently have listeners (so tests can see cleanup). */
  get subscribedOwners(): number {
    return this.listeners.ownerCount;
  }
}
