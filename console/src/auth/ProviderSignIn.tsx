import { Alert, Button } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { completeSignIn, completeSignOut, OidcConfig, startSignIn } from './oidc';
import { useSession } from './session';

/**
 * Sign-in through the office's OIDC provider. The button sends the browser to the provider; the
 * provider sends it back here with a code (signed in: its access token becomes the session's
 * token, then /me says who) or after its sign-out with only a state (forgotten, the page stays).
 */
export function ProviderSignIn({ config }: { config: OidcConfig }) {
  const { t } = useTranslation();
  const { me, adoptToken } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const returning = params.has('state');
  const [error, setError] = useState<string>();
  const [starting, setStarting] = useState(false);
  const busy = starting || (returning && !error);
  const failed = (err: Error) => {
    setError(t('signIn.providerFailed', { reason: err.message }));
    setStarting(false);
  };

  useEffect(() => {
    if (!returning) return;
    const url = window.location.href;
    if (params.has('code') || params.has('error')) completeSignIn(config, url).then(adoptToken, failed);
    else
      void completeSignOut(config, url)
        .catch(() => undefined)
        .then(() => navigate('/login', { replace: true }));
    // Once per return: the URL's parameters are the return.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [params]);

  if (me) return <Navigate to="/" replace />;
  const begin = () => {
    setStarting(true);
    setError(undefined);
    startSignIn(config).catch(failed);
  };
  return (
    <>
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} role="alert" />}
      <Button type="primary" block loading={busy} onClick={begin}>
        {t('signIn.withProvider')}
      </Button>
    </>
  );
}
