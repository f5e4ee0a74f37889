import { Server, ServerResponse } from 'node:http';
import { composeServer } from '../compose-server';
import { expectPositionals } from './cli-args';
import { Command, configOf } from './command';

/**
 * Returns a function that makes every response not yet sent answer `Connection: close`: idle
 * keep-alive sockets are closed at shutdown, but one that is busy when the signal comes would
 * otherwise stay open after its response until the client's keep-alive timeout.
 */
const closeAfterPendingResponses = (httpServer: Server): (() => void) => {
  const pending = new Set<ServerResponse>();
  httpServer.on('request', (_request, response: ServerResponse) => {
    pending.add(response);
    response.on('close', () => pending.delete(response));
  });
  return () => {
    for (const response of pending) if (!response.headersSent) response.shouldKeepAlive = false;
  };
};

/**
 * Runs the home server until SIGTERM or SIGINT, then stops accepting connections, lets in-flight
 * requests finish (new ones get 503), ends event streams and closes storage before exiting 0.
 * A second signal exits at once with 1.
 */
const serve: Command = {
  path: ['serve'],
  synopsis: '[--name=value ...]',
  summary: 'run the home server (configuration: STARBASE_* variables or --name=value flags)',
  options: {},
  run: async (args, context) => {
    expectPositionals(args, []);
    const config = configOf(args, context);
    const server = await composeServer(config);
    const app = await server.httpApp();
    const address = await app.listen({ host: config.host, port: config.port });
    const lastResponses = closeAfterPendingResponses(app.server);

    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) {
        context.io.err(`${signal} again: exiting without waiting`);
        process.exit(1);
      }
      stopping = true;
      lastResponses();
      context.io.out(`${signal}: shutting down, finishing in-flight requests`);
      server.close().then(
        () => process.exit(0),
        (error: unknown) => {
          context.io.err(`shutdown failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
          process.exit(1);
        },
      );
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    // Only once the handlers are in place: whoever waits for this line may signal right away.
    context.io.out(`starbase home server listening on ${address} (storage: ${config.storage}, data: ${config.dataDir})`);
  },
};

export const SERVE_COMMANDS: readonly Command[] = [serve];
