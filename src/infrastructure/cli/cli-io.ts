import { createInterface } from 'node:readline/promises';

/** Exit codes every `starbase` command keeps to, so scripts can tell a typo from a failure. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Bad arguments or configuration: exit 2, with the usage hint. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The command ran but could not do what was asked (not found, refused, unreachable): exit 1. */
export class CommandFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandFailed';
  }
}

/** Where a command writes and whom it asks; the real process streams, or buffers in tests. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** True when a person sits at the terminal and can answer a question. */
  readonly interactive: boolean;
  ask(question: string): Promise<string>;
}

export const processIo = (): CliIo => ({
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  interactive: process.stdin.isTTY === true && process.stderr.isTTY === true,
  ask: async (question) => {
    const prompt = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return await prompt.question(question);
    } finally {
      prompt.close();
    }
  },
});
