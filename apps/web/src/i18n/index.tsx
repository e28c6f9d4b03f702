import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { dictionaries, type Lang, type MessageKey } from './dict';

export type { Lang, MessageKey };

type Vars = Record<string, string | number>;

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  /** A dictionary entry with its `{placeholders}` filled. */
  t: (key: MessageKey, vars?: Vars) => string;
  /** A label for a code (`prefix.code`) when the dictionary has one, else the code itself. */
  label: (prefix: string, code: string | undefined) => string;
  /** A role string (`dept_head@it`) or grant as words: 部门负责人（信息技术部）. */
  roleName: (ref: string | { role: string; department?: string }) => string;
  /** A time, e.g. 2026-03-01 14:05. */
  fmtTime: (iso: string | undefined) => string;
  /** A length of time, e.g. 2天3小时. */
  fmtDuration: (ms: number) => string;
}

const LANG_KEY = 'bpm.lang';

function fill(text: string, vars?: Vars): string {
  return vars ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : text;
}

function initialLang(): Lang {
  return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh';
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);

  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(LANG_KEY, next);
    setLangState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const dict = dictionaries[lang];
    dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    const t = (key: MessageKey, vars?: Vars) => fill(dict[key] ?? key, vars);
    const label = (prefix: string, code: string | undefined) => {
      if (!code) return '';
      return (dict as Record<string, string>)[`${prefix}.${code}`] ?? code;
    };
    const roleName = (ref: string | { role: string; department?: string }) => {
      const [role, dept] = typeof ref === 'string' ? ref.split('@') : [ref.role, ref.department];
      const name = label('role', role);
      return dept ? (lang === 'zh' ? `${name}（${label('dept', dept)}）` : `${name} (${label('dept', dept)})`) : name;
    };
    const fmtTime = (iso: string | undefined) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '');
    const fmtDuration = (ms: number) => {
      const abs = Math.abs(ms);
      const d = Math.floor(abs / 86_400_000);
      const h = Math.floor((abs % 86_400_000) / 3_600_000);
      const m = Math.floor((abs % 3_600_000) / 60_000);
      const sep = lang === 'zh' ? '' : ' ';
      const parts: string[] = [];
      if (d) parts.push(`${d}${sep}${dict['unit.d']}`);
      if (h && d < 10) parts.push(`${h}${sep}${dict['unit.h']}`);
      if (!d && m) parts.push(`${m}${sep}${dict['unit.m']}`);
      if (!parts.length) parts.push(`${Math.round(abs / 1000)}${sep}${dict['unit.s']}`);
      return parts.join(sep);
    };
    return { lang, setLang, t, label, roleName, fmtTime, fmtDuration };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
