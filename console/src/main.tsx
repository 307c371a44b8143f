import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate, Outlet, RouterProvider } from 'react-router';
import { queryClient } from './api/client';
import { SessionProvider, useSession } from './auth/session';
import './i18n';
import { Shell } from './layout/Shell';
import LoginPage from './LoginPage';
import NotFoundPage from './NotFoundPage';
import { linkedPages, pages, pagesFor } from './pages';
import { theme } from './theme';

/** Signed-in pages only: anyone else goes to the sign-in page. */
function SignedIn() {
  const { me } = useSession();
  return me ? <Outlet /> : <Navigate to="/login" replace />;
}

/** A role lands on the first page of its menu. */
function Landing() {
  const { role } = useSession();
  const first = pagesFor(role)[0];
  return first ? <Navigate to={`/${first.path}`} replace /> : <NotFoundPage />;
}

const loading = <Spin style={{ display: 'block', margin: 48 }} />;

const router = createBrowserRouter(
  [
    { path: '/login', element: <LoginPage /> },
    {
      element: <SignedIn />,
      children: [
        {
          element: <Shell />,
          children: [
            { index: true, element: <Landing /> },
            ...[...pages, ...linkedPages].map(({ path, component: Page }) => ({
              path,
              element: (
                <Suspense fallback={loading}>
                  <Page />
                </Suspense>
              ),
            })),
            { path: '*', element: <NotFoundPage /> },
          ],
        },
      ],
    },
  ],
  { basename: '/console' },
);

/** Ant Design follows the language chosen: its own texts, and dates (dayjs). */
function Localized() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  dayjs.locale(en ? 'en' : 'zh-cn');
  return (
    <ConfigProvider locale={en ? enUS : zhCN} theme={theme}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <SessionProvider>
            <RouterProvider router={router} />
          </SessionProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Localized />
  </StrictMode>,
);
