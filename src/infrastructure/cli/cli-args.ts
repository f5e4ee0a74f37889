import { UsageError } from './cli-io';

/** The options one command understands; anything else of the form `--name=value` is configuration. */
export interface OptionSpec {
  readonly flags?: readonly string[];
  readonly values?: readonly string[];
}

export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly flags: ReadonlySet<string>;
  readonly values: ReadonlyMap<string, string>;
  /** `--port=8081`, `--STARBASE_DATA_DIR=/x`…: handed to loadConfig, which rejects unknown names. */
  readonly configFlags: readonly string[];
  readonly help: boolean;
}

export const parseArgs = (argv: readonly string[], spec: OptionSpec): ParsedArgs => {
  const known = { flags: new Set(spec.flags ?? []), values: new Set(spec.values ?? []) };
  const positionals: string[] = [];
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const configFlags: string[] = [];
  let help = false;

  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const match = /^--([A-Za-z0-9_-]+)(?:=(.*))?$/s.exec(arg);
    const name = match?.[1];
    const inline = match?.[2];
    if (name === undefined) throw new UsageError(`unknown option ${JSON.stringify(arg)}`);
    if (known.flags.has(name)) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      flags.add(name);
    } else if (known.values.has(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
      values.set(name, value);
    } else if (inline !== undefined) {
      configFlags.push(arg);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return { positionals, flags, values, configFlags, help };
};

/** The positionals a command expects, exactly. */
export const expectPositionals = (args: ParsedArgs, names: readonly string[]): string[] => {
  if (args.positionals.length !== names.length) {
    const wanted = names.length === 0 ? 'no arguments' : names.map((name) => `<${name}>`).join(' ');
    throw new UsageError(`expected ${wanted}, got ${args.positionals.length === 0 ? 'none' : args.positionals.join(' ')}`);
  }
  return [...args.positionals];
};
