import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const COMPILED = join(__dirname, '../../dist/libs/platform/src/database/embedded-postgres.js');

/**
 * PGlite in a child Node process, served on a loopback port. Jest's module sandbox cannot run
 * PGlite's WASM loader, and a separate process is closer to how the service runs it anyway.
 */
export interface EmbeddedPostgresProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

const SCRIPT = `
const { EmbeddedPostgres } = require(process.argv[1]);
EmbeddedPostgres.start(process.argv[2]).then((db) => {
  process.stdout.write(db.url + '\\n');
  process.on('SIGTERM', () => db.stop().then(() => process.exit(0)));
}, (error) => { process.stderr.write(String(error.stack || error) + '\\n'); process.exit(1); });
`;

export function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgresProcess> {
  if (!existsSync(COMPILED))
    throw new Error('Build first (npm run build): tests run PGlite from dist/');
  const child = spawn(process.execPath, ['-e', SCRIPT, COMPILED, dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) =>
      reject(new Error(`embedded PostgreSQL exited with ${code}: ${stderr}`)),
    );
    child.stdout?.once('data', (chunk: Buffer) => {
      const url = chunk.toString().trim();
      resolve({
        url,
        child,
        stop: () =>
          new Promise<void>((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
