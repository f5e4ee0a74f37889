import { runHttpBench } from './server/http-bench';

const main = async (): Promise<void> => {
  const quick = process.argv.includes('--quick');
  const log = (line: string): void => void process.stdout.write(`${line}\n`);
  const http = await runHttpBench({ connections: [1, 64], durationS: quick ? 2 : 6, warmupS: quick ? 0.5 : 1, log });
  console.log(JSON.stringify(http.figures.map((f) => [f.scenario, f.server, f.connections, Math.round(f.requestsPerSecond), f.ratioToCeiling.toFixed(3), f.non2xx])));
};

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
