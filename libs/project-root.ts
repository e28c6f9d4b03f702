import { existsSync } from 'fs';
import * as path from 'path';

/** The checkout's root (the folder with package.json), whether running from sources or from dist/. */
export const PROJECT_ROOT = ((): string => {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
  }
  return process.cwd();
})();
