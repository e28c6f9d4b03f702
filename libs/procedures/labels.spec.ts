/**
 * Every step, status, decision and outcome a workflow can produce has a zh and an en label in its
 * procedure's vocabulary — found from the code, not from a list kept beside it: the literals the
 * workflow files pass to the human-task primitive, and the values real cases recorded (the kept
 * replay histories' activity inputs).
 */
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { PROCEDURES } from './index';
import type { ProcedureModule } from './procedure';
import { ALL_PROCESS_TYPES, labelsOf } from './registry';
import { RENAMED_STATUSES_1795810000000 } from '../persistence/migrations/1795810000000-vocabulary-status-keys';
import { COMMITTEE_VOCABULARY, LEGACY_STATUS_KEYS, mergeVocabularies, SHARED_VOCABULARY, Vocabulary } from './vocabulary';

const WORKFLOWS = path.resolve(__dirname, '../../workflows');
/** The shared parts' own words: every procedure that composes them merges these (their types require it). */
const PART_VOCABULARIES: Record<string, Vocabulary> = {
  'case-run.ts': SHARED_VOCABULARY,
  'review-parts.ts': mergeVocabularies(SHARED_VOCABULARY, COMMITTEE_VOCABULARY),
};
const FIXTURES = path.resolve(__dirname, '../../test/fixtures/histories');
type Kind = 'steps' | 'statuses' | 'decisions' | 'outcomes';

/**
 * A workflow file and every workflows/ file it imports, transitively — except another procedure's
 * workflows, which a case runs as child cases under that procedure's own vocabulary (labelled there).
 */
function workflowFilesOf(module: ProcedureModule): string[] {
  const seen = new Set<string>();
  const others = new Set(PROCEDURES.filter((m) => m.key !== module.key).flatMap((m) => m.workflowSources.map((source) => path.join(WORKFLOWS, `${source}.ts`))));
  const visit = (file: string) => {
    if (seen.has(file) || others.has(file)) return;
    seen.add(file);
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from '\.\/([\w.-]+)'/g)) visit(path.join(WORKFLOWS, `${spec}.ts`));
  };
  module.workflowSources.forEach((source) => visit(path.join(WORKFLOWS, `${source}.ts`)));
  return [...seen];
}

/** The keys a file hands to the primitive as literals, and the places where it computes one instead. */
function literalsIn(source: string): { keys: Array<[Kind, string]>; computed: string[] } {
  const keys: Array<[Kind, string]> = [];
  const computed: string[] = [];
  const take = (kind: Kind, pattern: RegExp) => {
    for (const [, key] of source.matchAll(pattern)) keys.push([kind, key]);
  };
  take('steps', /\bstep: '([^']+)'/g);
  take('statuses', /\bstatus: '([^']+)'/g);
  take('statuses', /\bsetStatus\('([^']+)'/g);
  take('outcomes', /\bfinish\('([^']+)'/g);
  const takeLists = (kind: Kind, pattern: RegExp) => {
    for (const [, list] of source.matchAll(pattern)) for (const [, key] of list.matchAll(/'([^']+)'/g)) keys.push([kind, key]);
  };
  takeLists('decisions', /\bdecisions: \[([^\]]*)\]/g);
  takeLists('steps', /\bnotBy: \[([^\]]*)\]/g);
  for (const [match] of source.matchAll(/\b(?:step|status): `[^`]*`|\bsetStatus\(`[^`]*`/g)) computed.push(match);
  return { keys, computed };
}

function decode(payload: { data?: string } | undefined): Record<string, unknown> {
  return payload?.data ? JSON.parse(Buffer.from(payload.data, 'base64').toString('utf8')) : {};
}

describe('labels of every procedure', () => {
  it('every type has labels, each with a zh and an en text', () => {
    for (const entry of ALL_PROCESS_TYPES) {
      const labels = labelsOf(entry.type)!;
      for (const kind of ['steps', 'statuses', 'decisions', 'outcomes'] as const) {
        for (const [key, label] of Object.entries(labels[kind])) {
          expect({ type: entry.type, kind, key, zh: !!label.zh?.trim(), en: !!label.en?.trim() }).toEqual({ type: entry.type, kind, key, zh: true, en: true });
        }
      }
    }
  });

  it.each(PROCEDURES.map((m) => [m.key, m] as const))('%s: every key its workflow files produce is labelled', (_key, module: ProcedureModule) => {
    const missing: string[] = [];
    const computed: string[] = [];
    for (const file of workflowFilesOf(module)) {
      const source = readFileSync(file, 'utf8');
      const found = literalsIn(source);
      const vocabulary = PART_VOCABULARIES[path.basename(file)] ?? module.vocabulary;
      for (const [kind, key] of found.keys) if (!vocabulary[kind][key]) missing.push(`${path.basename(file)}: ${kind} '${key}'`);
      computed.push(...found.computed.map((c) => `${path.basename(file)}: ${c}`));
      if (/new CaseRun\(start\)/.test(source)) missing.push(`${path.basename(file)}: new CaseRun(start) without the procedure's vocabulary`);
    }
    expect({ missing, computed }).toEqual({ missing: [], computed: [] });
  });

  it('the database migration renames every legacy status key', () => {
    expect(Object.fromEntries(RENAMED_STATUSES_1795810000000)).toEqual(LEGACY_STATUS_KEYS);
  });

  it('every step, decision, status and outcome the kept histories recorded is labelled', () => {
    const missing = new Set<string>();
    for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.json'))) {
      const { history } = JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8'));
      let type = ALL_PROCESS_TYPES.map((e) => e.type)
        .filter((t) => file.startsWith(`${t}-`))
        .sort((a, b) => b.length - a.length)[0];
      for (const event of history.events) {
        const scheduled = event.activityTaskScheduledEventAttributes;
        if (!scheduled) continue;
        const input = decode(scheduled.input?.payloads?.[0]);
        const check = (kind: Kind, key: unknown) => {
          if (typeof key !== 'string' || !key) return;
          const current = LEGACY_STATUS_KEYS[key] && kind === 'statuses' ? LEGACY_STATUS_KEYS[key] : key;
          if (!labelsOf(type)?.[kind][current]) missing.add(`${file} (${type}): ${kind} '${key}'`);
        };
        switch (scheduled.activityType.name) {
          case 'openTask':
            type = String(input.processType);
            check('steps', input.step);
            check('statuses', input.businessStatus);
            (input.decisions as string[]).forEach((d) => check('decisions', d));
            break;
          case 'updateCase':
            check('statuses', input.businessStatus);
            break;
          case 'closeCase':
            check('outcomes', input.outcome);
            break;
        }
      }
    }
    expect([...missing]).toEqual([]);
  });
});
