import { Alert, Button, Card, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { $api } from './api/client';
import { returnUri } from './auth/oidc';
import { PasswordSignIn } from './auth/PasswordSignIn';
import { ProviderSignIn } from './auth/ProviderSignIn';
import { chooseLanguage } from './i18n';

/**
 * The sign-in page, as the API says the console signs in: by password with the built-in issuer,
 * through the office's OIDC provider, or not at all (then it says what the administrator sets).
 */
export default function LoginPage() {
  const { t, i18n } = useTranslation();
  const mode = $api.useQuery('get', '/api/v1/auth/config', {}, { staleTime: Infinity });
  const signIn = mode.data;
  return (
    <main style={{ display: 'grid', placeItems: 'center', minHeight: '100vh', background: '#f0f2f5' }}>
      <Card style={{ width: 380 }}>
        <Typography.Title level={1} style={{ fontSize: 24 }}>
          {t('app.name')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('app.tagline')}</Typography.Paragraph>
        {mode.isError && <Alert type="error" title={t('failed')} showIcon role="alert" />}
        {mode.isPending && <Spin aria-label={t('loading')} style={{ display: 'block' }} />}
        {signIn?.mode === 'password' && <PasswordSignIn />}
        {signIn?.mode === 'oidc' && <ProviderSignIn config={signIn} />}
        {signIn?.mode === 'none' && (
          <Alert
            type="warning"
            showIcon
            role="alert"
            title={t('signIn.notConfigured')}
            description={t('signIn.notConfiguredHelp', { redirectUri: returnUri() })}
          />
        )}
        <Button type="link" onClick={() => chooseLanguage(i18n.language === 'en' ? 'zh' : 'en')}>
          {t('language.switch')}
        </Button>
      </Card>
    </main>
  );
}
