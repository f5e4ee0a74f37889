import type { HomeServerGatewayFactory } from '../../src/application/ports/home-server-gateway';
import { err } from '../../src/domain/protocol/result';

/**
 * The world's servers, but once `hold` is called drops at `friends` wait for `release` (`drops` counts them); while
 * `loseAnswers` holds, those drops reach their server and the answer is lost as in a timeout; while `failWrites`
 * holds, writes of the blob at `own` fail as a network failure would (`failedWrites` counts them); while
 * `refuseAsTooLarge` holds, `friends` refuses drops as too large without taking them. `objectReads` counts the
 * objects (pages, indexes) read from `own`.
 */
export const heldDrops = (servers: HomeServerGatewayFactory, friends: string, own = 'north.example') => {
  let drops = 0;
  let hold: Promise<void> | null = null;
  let release = (): void => undefined;
  let writesFail = false;
  let failedWrites = 0;
  let answersLost = false;
  let objectReads = 0;
  let tooLarge = false;
  const gateways: typeof servers = {
    forServer: (server) => {
      const real = servers.forServer(server);
      if (server !== friends && server !== own) return real;
      return new Proxy(real, {
        get: (target, property) => {
          const value: unknown = Reflect.get(target, property);
          if (server === own && property === 'writeBlob') {
            return async (...args: Parameters<typeof real.writeBlob>) => {
              if (!writesFail) return target.writeBlob(...args);
              failedWrites += 1;
              return err({ code: 'network_error', status: null, detail: `${own} is unreachable` });
            };
          }
          if (server === own && property === 'getObject') {
            return (...args: Parameters<typeof real.getObject>) => {
              objectReads += 1;
              return target.getObject(...args);
            };
          }
          if (server !== friends || property !== 'drop') return typeof value === 'function' ? value.bind(target) : value;
          return async (...args: Parameters<typeof real.drop>) => {
            drops += 1;
            await hold;
            if (tooLarge) return err({ code: 'payload_too_large', status: 413, detail: `${friends} takes nothing this large` });
            const answer = await target.drop(...args);
            return answersLost ? err({ code: 'network_error', status: null, detail: `${friends} did not answer in time` }) : answer;
          };
        },
      });
    },
  };
  return {
    gateways,
    drops: () => drops,
    hold: () => {
      hold = new Promise<void>((resolve) => (release = resolve));
    },
    release: () => release(),
    failWrites: (fail: boolean) => {
      writesFail = fail;
    },
    failedWrites: () => failedWrites,
    loseAnswers: (lose: boolean) => {
      answersLost = lose;
    },
    objectReads: () => objectReads,
    refuseAsTooLarge: (refuse: boolean) => {
      tooLarge = refuse;
    },
  };
};
