// The logged-in session: token, current user, process types, and the menu counts.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api, onApiError, tokenStore, type Me, type ProcessType } from './api';
import { roleStrings } from './roles';

const MUST_CHANGE_KEY = 'bpm.mustChangePassword';
const COUNT_POLL_MS = 30_000;

export interface Counts {
  pending: number;
  unread: number;
}

export interface Session {
  /** false until the stored token has been checked on load */
  ready: boolean;
  loggedIn: boolean;
  me: Me | null;
  held: Set<string>;
  mustChangePassword: boolean;
  processTypes: ProcessType[];
  typeTitle: (type: string | undefined) => string;
  counts: Counts;
  refreshCounts: () => void;
  login: (username: string, password: string) => Promise<void>;
  logout: () => void;
  /** A password change revokes every token of the user: log in again with the new password. */
  passwordChanged: (newPassword: string) => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ lang, children }: { lang: 'zh' | 'en'; children: ReactNode }) {
  const [token, setToken] = useState<string | null>(tokenStore.get);
  const [ready, setReady] = useState(false);
  const [me, setMe] = useState<Me | null>(null);
  const [mustChangePassword, setMustChange] = useState(() => sessionStorage.getItem(MUST_CHANGE_KEY) === '1');
  const [processTypes, setProcessTypes] = useState<ProcessType[]>([]);
  const [counts, setCounts] = useState<Counts>({ pending: 0, unread: 0 });
  const mustChangeRef = useRef(mustChangePassword);
  mustChangeRef.current = mustChangePassword;

  const setMustChangeStored = useCallback((v: boolean) => {
    if (v) sessionStorage.setItem(MUST_CHANGE_KEY, '1');
    else sessionStorage.removeItem(MUST_CHANGE_KEY);
    setMustChange(v);
  }, []);

  const logout = useCallback(() => {
    tokenStore.clear();
    sessionStorage.removeItem(MUST_CHANGE_KEY);
    setToken(null);
    setMe(null);
    setMustChange(false);
    setProcessTypes([]);
    setCounts({ pending: 0, unread: 0 });
  }, []);

  // An expired token logs out; a required password change takes over the screen.
  useEffect(
    () =>
      onApiError((err) => {
        if (err.statusCode === 401 && tokenStore.get()) logout();
        if (err.code === 'PASSWORD_CHANGE_REQUIRED') setMustChangeStored(true);
      }),
    [logout, setMustChangeStored],
  );

  // Who am I (allowed before a password change).
  useEffect(() => {
    if (!token) {
      setReady(true);
      return;
    }
    let live = true;
    api
      .me()
      .then((m) => live && setMe(m))
      .catch(() => undefined)
      .finally(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, [token]);

  // Process types, once the password is settled.
  useEffect(() => {
    if (!token || mustChangePassword) return;
    api.processTypes().then(setProcessTypes, () => undefined);
  }, [token, mustChangePassword]);

  const refreshCounts = useCallback(() => {
    if (!tokenStore.get() || mustChangeRef.current) return;
    Promise.all([
      api.tasks({ view: 'pending', page: 1, pageSize: 1 }).then((p) => p.total),
      api.notices('unread', 1, 1).then((p) => p.total),
    ]).then(
      ([pending, unread]) => setCounts({ pending, unread }),
      () => undefined,
    );
  }, []);

  useEffect(() => {
    if (!token || mustChangePassword) return;
    refreshCounts();
    const id = window.setInterval(refreshCounts, COUNT_POLL_MS);
    return () => window.clearInterval(id);
  }, [token, mustChangePassword, refreshCounts]);

  const login = useCallback(
    async (username: string, password: string) => {
      const res = await api.login(username, password);
      tokenStore.set(res.accessToken);
      setMustChangeStored(res.mustChangePassword);
      setReady(false);
      setToken(res.accessToken);
    },
    [setMustChangeStored],
  );

  const passwordChanged = useCallback(
    async (newPassword: string) => {
      if (me) await login(me.username, newPassword);
      else logout();
    },
    [me, login, logout],
  );

  const value = useMemo<Session>(() => {
    const titles = new Map(processTypes.map((p) => [p.type, lang === 'zh' ? p.titleZh : p.title]));
    return {
      ready,
      loggedIn: !!token,
      me,
      held: roleStrings(me),
      mustChangePassword,
      processTypes,
      typeTitle: (type) => (type ? (titles.get(type) ?? type) : ''),
      counts,
      refreshCounts,
      login,
      logout,
      passwordChanged,
    };
  }, [ready, token, me, mustChangePassword, processTypes, counts, refreshCounts, login, logout, passwordChanged, lang]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
