// The words of the procedures — steps, business statuses, outcomes, decisions — as the API
// serves them (`labels` of GET /api/process-types, loaded once per session by the session
// provider), in the current language. A key is looked up in its case's type; a type that lacks
// it falls back to the shared words (the keys every type has with one meaning), and only last to
// the key itself (libs/procedures/labels.spec.ts keeps that from happening).
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { ProcessType } from '../api';
import { useSession } from '../session';
import { useI18n } from './index';

export type LabelKind = 'steps' | 'statuses' | 'outcomes' | 'decisions';
type Label = { zh: string; en: string };
type LabelMap = Record<string, Label>;

const KINDS: LabelKind[] = ['steps', 'statuses', 'outcomes', 'decisions'];

export interface Labels {
  /** the label of `key` in `type`'s words, or undefined when none knows it */
  find: (kind: LabelKind, type: string | undefined, key: string | undefined) => string | undefined;
  step: (type: string | undefined, key: string | undefined) => string;
  status: (type: string | undefined, key: string | undefined) => string;
  outcome: (type: string | undefined, key: string | undefined) => string;
  decision: (type: string | undefined, key: string | undefined) => string;
  /**
   * A task's (or a timeline step's) title: in Chinese the workflow's own title (it may name the
   * file or the round), else the step's label; in English the step's label, the Chinese title only
   * when no label exists.
   */
  taskTitle: (item: { processType?: string; step?: string; title?: string }) => string;
}

interface Index {
  byType: Map<string, Partial<Record<LabelKind, LabelMap>>>;
  shared: Record<LabelKind, LabelMap>;
}

/** The shared words: the keys every labelled type has, with the same label everywhere. */
function indexOf(types: ProcessType[]): Index {
  const byType = new Map(types.map((p) => [p.type, p.labels ?? {}] as const));
  const labelled = types.flatMap((p) => (p.labels ? [p.labels] : []));
  const shared = Object.fromEntries(
    KINDS.map((kind) => {
      const [first, ...rest] = labelled.map((l) => l[kind] ?? {});
      const common = Object.entries(first ?? {}).filter(([key, label]) =>
        rest.every((m) => m[key]?.zh === label.zh && m[key]?.en === label.en),
      );
      return [kind, Object.fromEntries(common)];
    }),
  ) as Record<LabelKind, LabelMap>;
  return { byType, shared };
}

const LabelsContext = createContext<Labels | null>(null);

export function LabelsProvider({ children }: { children: ReactNode }) {
  const { processTypes } = useSession();
  const { lang } = useI18n();
  const index = useMemo(() => indexOf(processTypes), [processTypes]);

  const value = useMemo<Labels>(() => {
    const find = (kind: LabelKind, type: string | undefined, key: string | undefined) => {
      if (!key) return undefined;
      const hit = (type ? index.byType.get(type)?.[kind]?.[key] : undefined) ?? index.shared[kind][key];
      return hit?.[lang];
    };
    const word = (kind: LabelKind) => (type: string | undefined, key: string | undefined) =>
      key ? (find(kind, type, key) ?? key) : '';
    const step = word('steps');
    return {
      find,
      step,
      status: word('statuses'),
      outcome: word('outcomes'),
      decision: word('decisions'),
      taskTitle: ({ processType, step: key, title }) => {
        const own = title && title !== key ? title : undefined;
        if (lang === 'zh') return own ?? step(processType, key);
        return find('steps', processType, key) ?? own ?? step(processType, key);
      },
    };
  }, [index, lang]);

  return <LabelsContext.Provider value={value}>{children}</LabelsContext.Provider>;
}

export function useLabels(): Labels {
  const ctx = useContext(LabelsContext);
  if (!ctx) throw new Error('useLabels outside LabelsProvider');
  return ctx;
}
