// Routes. Every page but the login sits in the app frame and needs a session; a required
// password change sends every route to the password page.
import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { Spin } from 'antd';
import { useSession } from './session';
import AppLayout from './components/AppLayout';
import LoginPage from './pages/LoginPage';

const PasswordPage = lazy(() => import('./pages/PasswordPage'));
const InboxPage = lazy(() => import('./pages/InboxPage'));
const TaskPage = lazy(() => import('./pages/TaskPage'));
const StartPage = lazy(() => import('./pages/StartPage'));
const CasesPage = lazy(() => import('./pages/CasesPage'));
const CasePage = lazy(() => import('./pages/CasePage'));
const NoticesPage = lazy(() => import('./pages/NoticesPage'));

const spinner = <Spin size="large" style={{ display: 'block', margin: '20vh auto' }} />;

function RequireSession({ children }: { children: ReactNode }) {
  const { ready, loggedIn, mustChangePassword } = useSession();
  const location = useLocation();
  if (!loggedIn) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (!ready) return spinner;
  if (mustChangePassword && location.pathname !== '/password') return <Navigate to="/password" replace />;
  return (
    <AppLayout>
      <Suspense fallback={spinner}>{children}</Suspense>
    </AppLayout>
  );
}

const pages: [string, ReactNode][] = [
  ['/password', <PasswordPage />],
  ['/inbox', <InboxPage />],
  ['/tasks/:taskId', <TaskPage />],
  ['/start', <StartPage />],
  ['/start/:type', <StartPage />],
  ['/cases', <CasesPage />],
  ['/cases/:processId', <CasePage />],
  ['/notices', <NoticesPage />],
];

export default function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      {pages.map(([path, page]) => (
        <Route key={path} path={path} element={<RequireSession>{page}</RequireSession>} />
      ))}
      <Route path="*" element={<Navigate to="/inbox" replace />} />
    </Routes>
  );
}
