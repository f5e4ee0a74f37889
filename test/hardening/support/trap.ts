import { AfterCall, PortName } from './intercepted-storage';

interface Armed {
  readonly port: PortName;
  readonly method: string;
  readonly when: (args: unknown[]) => boolean;
  readonly action: () => Promise<unknown>;
}

/**
 * Springs once: right after the next matching port call returns, runs the action (for example
 * deleting the account), before the use case that made the call takes its next step.
 */
export class StorageTrap {
  private armed: Armed | null = null;
  private sprung = 0;

  readonly hook: AfterCall = async ({ port, method, args }) => {
    const armed = this.armed;
    if (!armed || armed.port !== port || armed.method !== method || !armed.when(args)) return;
    this.armed = null;
    this.sprung += 1;
    await armed.action();
  };

  arm(port: PortName, method: string, action: () => Promise<unknown>, when: (args: unknown[]) => boolean = () => true): void {
    this.armed = { port, method, when, action };
  }

  /** How often a trap went off; a test whose trap never fired proves nothing. */
  get timesSprung(): number {
    return this.sprung;
  }
}
