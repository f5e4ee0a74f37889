import type { KeptSession, SessionKeeper } from '../../src/application/ports/session-keeper';

/** "Stay signed in" on a device whose storage works: kept in memory. */
export class MemorySessionKeeper implements SessionKeeper {
  kept: KeptSession | null = null;
  async keep(session: KeptSession): Promise<void> {
    this.kept = session;
  }
  async recall(): Promise<KeptSession | null> {
    return this.kept;
  }
  async forget(): Promise<void> {
    this.kept = null;
  }
}
