import { FastifyInstance } from 'fastify';

/** Often enough that a close waits for the last answer, not for a timer. */
const SWEEP_EVERY_MS = 50;

/**
 * Node closes the idle keep-alive connections once, when the server starts closing. A connection
 * still answering a request at that moment goes idle just after, and then stays open until its
 * idle timeout (a minute), holding the close that long. While closing, such connections are
 * closed as soon as they go idle; connections still answering are left to finish.
 */
export const closeConnectionsGoneIdle = (app: FastifyInstance): void => {
  let sweep: NodeJS.Timeout | undefined;
  app.addHook('preClose', (done) => {
    sweep = setInterval(() => app.server.closeIdleConnections(), SWEEP_EVERY_MS);
    sweep.unref();
    done();
  });
  app.addHook('onClose', (_instance, done) => {
    clearInterval(sweep);
    done();
  });
};
