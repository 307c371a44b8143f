import { Button, Layout, Menu, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import { useSession } from '../auth/session';
import { chooseLanguage } from '../i18n';
import { pagesFor } from '../pages';

/**
 * Every signed-in page: the menu of what this role does, who is signed in (name, role, unit), the
 * language switch and sign-out. The menu is a nav landmark and each item a link, for keyboards.
 */
export function Shell() {
  const { t, i18n } = useTranslation();
  const { me, role, signOut } = useSession();
  const location = useLocation();
  const pages = pagesFor(role);
  const selected = pages.find((page) => location.pathname.startsWith(`/${page.path}`))?.path;
  const unitName = me?.assignments.find((a) => a.role === role && a.unit === me.actingAs.unit)?.unitName;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24 }}>
        <Link to="/" style={{ color: '#fff', fontSize: 18, fontWeight: 600, whiteSpace: 'nowrap' }}>
          {t('app.name')}
        </Link>
        <nav aria-label={t('app.name')} style={{ flex: 1, minWidth: 0 }}>
          <Menu
            theme="dark"
            mode="horizontal"
            selectedKeys={selected ? [selected] : []}
            items={pages.map((page) => ({
              key: page.path,
              label: <Link to={`/${page.path}`}>{t(`nav.${page.nav}`)}</Link>,
            }))}
          />
        </nav>
        <Space style={{ color: '#fff' }}>
          <span data-testid="signed-in-as">
            {me?.person.name} · {t(`role.${role}`)} · {i18n.language === 'en' ? unitName?.en : unitName?.zh}
          </span>
          <Button
            size="small"
            lang={i18n.language === 'en' ? 'zh-CN' : 'en'}
            onClick={() => chooseLanguage(i18n.language === 'en' ? 'zh' : 'en')}
          >
            {t('language.switch')}
          </Button>
          <Button size="small" onClick={signOut}>
            {t('signIn.signOut')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        <main>
          <Outlet />
        </main>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center' }}>
        <Typography.Text type="secondary">
          {t('app.tagline')} · <a href="/api/reference/">{t('nav.apiReference')}</a>
        </Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}
