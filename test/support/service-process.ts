import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

/** The repository's root: the nearest folder up with a package.json (benchmarks run this compiled). */
function repositoryRoot(folder = __dirname): string {
  return existsSync(join(folder, 'package.json')) || dirname(folder) === folder
    ? folder
    : repositoryRoot(dirname(folder));
}

const MAIN = join(repositoryRoot(), 'dist/apps/api/src/main.js');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The built service as its own OS process, for restarts, SIGTERM and kill -9. */
export interface ServiceProcess {
  baseUrl: string;
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function waitUntilHealthy(baseUrl: string, timeoutMs = 20_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    try {
      if ((await fetch(`${baseUrl}/health`)).status === 200) return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`service at ${baseUrl} not healthy after ${timeoutMs} ms`);
}

/** `nodeOptions`: flags for node itself (e.g. `--cpu-prof`, which NODE_OPTIONS refuses). */
export function spawnService(
  env: Record<string, string>,
  nodeOptions: string[] = [],
): Omit<ServiceProcess, 'baseUrl'> {
  if (!existsSync(MAIN))
    throw new Error('Build first (npm run build): the service runs from dist/');
  const child = spawn(process.execPath, [...nodeOptions, MAIN], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return {
    child,
    output: () => output,
    exited,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export async function startServiceProcess(
  env: Record<string, string>,
  nodeOptions: string[] = [],
): Promise<ServiceProcess> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const service = spawnService({ ...env, PORT: String(port) }, nodeOptions);
  await Promise.race([
    waitUntilHealthy(baseUrl),
    service.exited.then((code) => {
      throw new Error(`service exited with ${code}: ${service.output()}`);
    }),
  ]);
  return { ...service, baseUrl };
}
