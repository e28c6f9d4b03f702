import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { WorkflowFailureType } from './failure-types';

const ROOT = path.resolve(__dirname, '../..');

describe('WorkflowFailureType', () => {
  it('each value is its own name (the type Temporal records; never renamed)', () => {
    for (const [name, value] of Object.entries(WorkflowFailureType)) expect(value).toBe(name);
  });

  it('is what every permanent failure in workflows/ and activities/ passes, never a free string', () => {
    const freeStrings = ['workflows', 'activities'].flatMap((dir) =>
      readdirSync(path.join(ROOT, dir))
        .filter((name) => name.endsWith('.ts') && !name.endsWith('.spec.ts'))
        .flatMap((name) => {
          const lines = readFileSync(path.join(ROOT, dir, name), 'utf8').split('\n');
          // A line calling fail(…, 'Type') or ApplicationFailure.nonRetryable(…, 'Type').
          const calls = lines.filter((line) => /\b(fail|nonRetryable)\(/.test(line) && /,\s*['"`][A-Z][A-Za-z]+['"`]\s*\);?\s*$/.test(line));
          return calls.map((call) => `${dir}/${name}: ${call.trim().slice(-60)}`);
        }),
    );
    expect(freeStrings).toEqual([]);
  });
});
