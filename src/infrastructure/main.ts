import { processIo } from './cli/cli-io';
import { runCli } from './cli/run-cli';

/** The `starbase` command: `serve` and the `admin …` tools (see `starbase help`). */
runCli(process.argv.slice(2), processIo(), process.env).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`starbase failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
