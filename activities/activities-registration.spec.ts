import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { createActivities } from './index';

describe('activity registration', () => {
  it('registers every activity a workflow proxies', () => {
    const dir = path.resolve(__dirname, '../workflows');
    const called = new Set(
      readdirSync(dir)
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
        .flatMap((f) => [...readFileSync(path.join(dir, f), 'utf8').matchAll(/\b(?:acts|reads)\.(\w+)\(/g)].map((m) => m[1])),
    );
    const registered = Object.keys(createActivities({ dataSource: {} as never, calendar: {} as never }));
    expect(called.size).toBeGreaterThan(10);
    expect([...called].filter((name) => !registered.includes(name))).toEqual([]);
  });
});
