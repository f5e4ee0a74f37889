import { Result } from '../../domain/protocol/result';
import { loadConfig, StarbaseConfig } from '../config';
import { OptionSpec, ParsedArgs } from './cli-args';
import { CliIo } from './cli-io';

export interface CommandContext {
  readonly io: CliIo;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** One `starbase …` subcommand: its words, its options and what it does. */
export interface Command {
  /** e.g. ['admin', 'accounts', 'list'] */
  readonly path: readonly string[];
  /** Arguments after the path, for the usage line: `<name> [--yes]`. */
  readonly synopsis: string;
  readonly summary: string;
  readonly options: OptionSpec;
  run(args: ParsedArgs, context: CommandContext): Promise<void>;
}

/** Configuration from STARBASE_* variables, overridden by `--name=value` flags. */
export const configOf = (args: ParsedArgs, context: CommandContext): StarbaseConfig => loadConfig(context.env, args.configFlags);

export const JSON_FLAG = 'json';

/** The value of a use case that has no expected failure. */
export const valueOf = <T>(result: Result<T, never>): T => {
  if (!result.ok) throw new Error('a use case without expected failures returned one');
  return result.value;
};
