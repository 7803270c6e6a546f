// `npm start`: build when the compiled service or portal is missing or older than its sources, then run it.
const { execSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');
const entry = join(root, 'dist/apps/api/src/main.js');
const portal = join(root, 'dist/portal/index.html');
const SOURCE = /\.(ts|tsx|mts|css|html)$/;

function newestSource(dir) {
  let newest = 0;
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, name.name);
    if (name.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (SOURCE.test(name.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const sources = Math.max(newestSource(join(root, 'apps')), newestSource(join(root, 'libs')));
const stale = (built) => !existsSync(built) || statSync(built).mtimeMs < sources;
if (stale(entry) || stale(portal)) {
  execSync('npm run build --silent', { cwd: root, stdio: 'inherit' });
}
require(entry);
