import { ConfigError, loadConfig } from './config';
import { createStarbaseServer } from './server';

const USAGE = `usage: starbase serve [--name=value ...]

Configuration is read from STARBASE_* environment variables; a flag overrides the variable of
the same name, e.g. --port=8081 or --STARBASE_PORT=8081. See README.md for the full list.`;

const serve = async (argv: readonly string[]): Promise<void> => {
  const config = loadConfig(process.env, argv);
  const server = await createStarbaseServer(config);
  const address = await server.app.listen({ host: config.host, port: config.port });
  process.stdout.write(`starbase home server listening on ${address} (storage: ${config.storage}, data: ${config.dataDir})\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      process.stderr.write(`${signal} again: exiting without waiting\n`);
      process.exit(1);
    }
    stopping = true;
    server.app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`shutdown failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
};

const main = async (args: readonly string[]): Promise<void> => {
  const [command, ...rest] = args;
  if (command === 'serve') return serve(rest);
  process.stderr.write(`${USAGE}\n`);
  process.exitCode = command === undefined || command === '--help' || command === 'help' ? 0 : 2;
};

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`starbase failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
