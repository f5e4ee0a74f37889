// The checks `npm test` runs before jest (both type checks, the layer rules, the linter), side by
// side: each is mostly one core's work, so on two cores they take as long as the slowest of them
// instead of their sum. Each check's output is printed whole once it ends; any failure fails the run.
import { spawn } from 'node:child_process';

const CHECKS = [
  ['types of the server and library', 'npx', ['tsc', '--noEmit']],
  ['types of the web app', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.web.json']],
  ['layers', 'npm', ['run', '-s', 'layers']],
  ['lint', 'npm', ['run', '-s', 'lint']],
];

const run = ([name, command, args]) =>
  new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => resolve({ name, ok: false, output: `${error.message}\n`, seconds: 0 }));
    child.on('close', (code) =>
      resolve({ name, ok: code === 0, output: Buffer.concat(output).toString(), seconds: (Date.now() - started) / 1000 }),
    );
  });

const results = await Promise.all(CHECKS.map(run));
for (const { name, ok, output, seconds } of results) {
  process.stdout.write(`== ${name}: ${ok ? 'ok' : 'FAILED'} (${seconds.toFixed(0)} s)\n${output}`);
}
process.exitCode = results.every((result) => result.ok) ? 0 : 1;
