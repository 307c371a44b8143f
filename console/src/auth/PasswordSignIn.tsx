import { Alert, Button, Form, Input, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { ApiProblem } from '../api/client';
import { Assignment, useSession } from './session';

interface Credentials {
  username: string;
  password: string;
  actingAs?: string;
}

/**
 * Password sign-in with the built-in issuer. Someone holding several assignments (a secretariat
 * member who also leads a township) picks the one to act in; the token then carries it.
 */
export function PasswordSignIn() {
  const { t, i18n } = useTranslation();
  const { me, signIn, signOut } = useSession();
  const [form] = Form.useForm<Credentials>();
  const [choices, setChoices] = useState<Assignment[]>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (me && !choices) return <Navigate to="/" replace />;

  const submit = async ({ username, password, actingAs }: Credentials) => {
    setBusy(true);
    setError(undefined);
    try {
      const chosen = choices?.find((a) => `${a.role}@${a.unit}` === actingAs);
      const login = await signIn(username, password, chosen && { role: chosen.role, unit: chosen.unit });
      if (!chosen && login.assignments.length > 1) {
        signOut();
        setChoices(login.assignments);
        form.setFieldValue('actingAs', `${login.assignments[0].role}@${login.assignments[0].unit}`);
      } else setChoices(undefined);
    } catch (err) {
      setError(
        err instanceof ApiProblem && err.status === 401 ? t('signIn.refused') : (err as Error).message,
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false}>
      <Form.Item name="username" label={t('signIn.username')} rules={[{ required: true }]}>
        <Input autoComplete="username" autoFocus />
      </Form.Item>
      <Form.Item name="password" label={t('signIn.password')} rules={[{ required: true }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      {choices && (
        <Form.Item name="actingAs" label={t('signIn.actingAs')} extra={t('signIn.chooseAssignment')}>
          <Radio.Group
            options={choices.map((a) => ({
              value: `${a.role}@${a.unit}`,
              label: `${t(`role.${a.role}`)} · ${i18n.language === 'en' ? a.unitName?.en : (a.unitName?.zh ?? a.unit)}`,
            }))}
          />
        </Form.Item>
      )}
      {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} role="alert" />}
      <Button type="primary" htmlType="submit" block loading={busy}>
        {t('signIn.submit')}
      </Button>
    </Form>
  );
}
