/**
 * Imported first by the browser tests: the API serves apps/web/dist only if it exists when the
 * app module is loaded, so it is built here, before that, when missing (`npm --prefix apps/web
 * run build` by hand after changing apps/web/src; a stale build is not detected).
 */
import { execSync } from 'child_process';
import { existsSync } from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');

if (!existsSync(path.join(ROOT, 'apps/web/dist/index.html'))) {
  execSync('npm --prefix apps/web run build', { cwd: ROOT, stdio: 'inherit' });
}
