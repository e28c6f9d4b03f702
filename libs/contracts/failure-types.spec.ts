import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import { WorkflowFailureType } from './failure-types';

const ROOT = path.resolve(__dirname, '../..');

/** The TypeScript sources under a folder, recursively, without specs. */
function sources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sources(file);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [file] : [];
  });
}

describe('WorkflowFailureType', () => {
  it('each value is its own name (the type Temporal records; never renamed)', () => {
    for (const [name, value] of Object.entries(WorkflowFailureType)) expect(value).toBe(name);
  });

  it('is what every permanent failure in workflows/ and activities/ passes, never a free string', () => {
    const freeStrings = ['workflows', 'activities', 'libs/procedures']
      .flatMap((dir) => sources(path.join(ROOT, dir)))
      .flatMap((file) => {
        const lines = readFileSync(file, 'utf8').split('\n');
        // A line calling fail(…, 'Type') or ApplicationFailure.nonRetryable(…, 'Type').
        const calls = lines.filter((line) => /\b(fail|nonRetryable)\(/.test(line) && /,\s*['"`][A-Z][A-Za-z]+['"`]\s*\);?\s*$/.test(line));
        return calls.map((call) => `${path.relative(ROOT, file)}: ${call.trim().slice(-60)}`);
      });
    expect(freeStrings).toEqual([]);
  });
});
