/**
 * `npm ci` takes the lock files as they are (no `npm install` fallback in lib.sh or the
 * Dockerfile): each lock matches its package.json, and every dependency of every locked
 * package, including other platforms' optional ones (@swc/core-*, @rolldown/binding-*), is
 * locked too — what `npm ci` reports as "Missing: … from lock file" otherwise.
 */
import { readFileSync } from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..');

interface LockEntry {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/** Where Node would find `name` from the package at `at` (walking up the node_modules folders). */
function resolves(packages: Record<string, LockEntry>, at: string, name: string): boolean {
  for (let dir = at; ; dir = dir.includes('/node_modules/') ? dir.slice(0, dir.lastIndexOf('/node_modules/')) : '') {
    if (packages[`${dir ? `${dir}/` : ''}node_modules/${name}`]) return true;
    if (!dir) return false;
  }
}

describe.each(['.', 'apps/web'])('%s/package-lock.json', (dir) => {
  const lock = JSON.parse(readFileSync(path.join(ROOT, dir, 'package-lock.json'), 'utf8')) as { lockfileVersion: number; packages: Record<string, LockEntry> };
  const manifest = JSON.parse(readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8')) as LockEntry;

  it('records the dependencies of package.json as they are', () => {
    expect(lock.lockfileVersion).toBeGreaterThanOrEqual(2);
    const root = lock.packages[''];
    expect(root.dependencies ?? {}).toEqual(manifest.dependencies ?? {});
    expect(root.devDependencies ?? {}).toEqual(manifest.devDependencies ?? {});
  });

  it('locks every dependency of every locked package, for every platform', () => {
    const missing = Object.entries(lock.packages).flatMap(([at, entry]) =>
      Object.keys({ ...entry.dependencies, ...entry.optionalDependencies, ...(at === '' ? entry.devDependencies : {}) })
        .filter((name) => !resolves(lock.packages, at, name))
        .map((name) => `${name} (needed by ${at || 'the root'})`),
    );
    expect(missing).toEqual([]);
  });
});
