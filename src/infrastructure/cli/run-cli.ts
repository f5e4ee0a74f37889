import { ConfigError } from '../config';
import { ACCOUNTS_COMMANDS } from './accounts-commands';
import { BACKUP_COMMANDS } from './backup-commands';
import { parseArgs } from './cli-args';
import { CliIo, CommandFailed, EXIT, ExitCode, UsageError } from './cli-io';
import { Command, CommandContext } from './command';
import { INVITES_COMMANDS } from './invites-commands';
import { MAINTENANCE_COMMANDS } from './maintenance-commands';
import { MIGRATE_COMMANDS } from './migrate-command';
import { SERVE_COMMANDS } from './serve-command';

export const COMMANDS: readonly Command[] = [
  ...SERVE_COMMANDS,
  ...ACCOUNTS_COMMANDS,
  ...INVITES_COMMANDS,
  ...MAINTENANCE_COMMANDS,
  ...BACKUP_COMMANDS,
  ...MIGRATE_COMMANDS,
];

const usageLine = (command: Command): string => `  starbase ${command.path.join(' ')} ${command.synopsis}`.trimEnd();

const FOOTER = `
Configuration comes from STARBASE_* environment variables; any command takes --name=value to
override one (--data-dir=/var/lib/starbase or --STARBASE_DATA_DIR=…). Admin commands work on the
storage the server is configured with, and on SQLite also while the server runs.
Exit codes: 0 done, 1 failed (not found, refused, unreachable), 2 bad usage or configuration.`;

/** Help for every command under `prefix` (all of them for an empty prefix). */
export const usage = (prefix: readonly string[] = []): string => {
  const matching = COMMANDS.filter((command) => prefix.every((word, i) => command.path[i] === word));
  const lines = matching.flatMap((command) => [usageLine(command), `      ${command.summary}`]);
  return `usage:\n${lines.join('\n')}\n${FOOTER}`;
};

const findCommand = (argv: readonly string[]): Command | undefined =>
  COMMANDS.find((command) => command.path.every((word, i) => argv[i] === word));

/** The words at the start of argv that lead to some command: `admin accounts` for a partial path. */
const knownPrefix = (argv: readonly string[]): string[] => {
  const prefix: string[] = [];
  for (const word of argv) {
    const candidate = [...prefix, word];
    if (!COMMANDS.some((command) => candidate.every((w, i) => command.path[i] === w))) break;
    prefix.push(word);
  }
  return prefix;
};

const HELP_WORDS: ReadonlySet<string> = new Set(['help', '--help', '-h']);

/** Runs one `starbase …` invocation and returns its exit code; `serve` returns once listening. */
export const runCli = async (argv: readonly string[], io: CliIo, env: CommandContext['env']): Promise<ExitCode> => {
  const first = argv[0];
  if (first === undefined || HELP_WORDS.has(first)) {
    io.out(usage(argv.slice(1).filter((word) => !word.startsWith('-'))));
    return EXIT.ok;
  }
  const command = findCommand(argv);
  if (!command) {
    const prefix = knownPrefix(argv);
    // `starbase admin`, `starbase admin --help`: people type a group to see what is in it.
    if (prefix.length > 0 && argv.slice(prefix.length).every((word) => HELP_WORDS.has(word))) {
      io.out(usage(prefix));
      return EXIT.ok;
    }
    io.err(`unknown command: starbase ${argv.join(' ')}`);
    io.err(usage(prefix));
    return EXIT.usage;
  }
  try {
    const args = parseArgs(argv.slice(command.path.length), command.options);
    if (args.help) {
      io.out(usage(command.path));
      return EXIT.ok;
    }
    await command.run(args, { io, env });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`starbase ${command.path.join(' ')}: ${error.message}\n${usageLine(command).trim()}`);
      return EXIT.usage;
    }
    if (error instanceof ConfigError) {
      io.err(error.message);
      return EXIT.usage;
    }
    if (error instanceof CommandFailed) {
      io.err(`starbase ${command.path.join(' ')}: ${error.message}`);
      return EXIT.failure;
    }
    throw error;
  }
};
