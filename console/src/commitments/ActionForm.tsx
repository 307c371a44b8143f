import { Alert, App, Button, Form } from 'antd';
import { ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { queryClient } from '../api/client';
import { showProblem } from '../api/formErrors';
import { act, CommitmentPath } from './kinds';

/**
 * One action's form on a commitment: posts what was entered (shaped by `toBody`) to the action's
 * path (`pathFor`, when the path names what was chosen: a year, a problem) and shows the API's
 * refusal: its errors beside the fields they name, the rest above the button.
 */
export function ActionForm<V extends object>({
  kind,
  id,
  action,
  submit,
  toBody = (values) => values,
  pathFor = () => action,
  initialValues,
  children,
}: {
  kind: CommitmentPath;
  id: string;
  action: string;
  submit: string;
  toBody?(values: V): object;
  pathFor?(values: V): string;
  initialValues?: Partial<V>;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const [problem, setProblem] = useState<string>();
  async function send(values: V) {
    setProblem(undefined);
    try {
      await act(kind, id, pathFor(values), toBody(values));
      form.resetFields();
      void message.success(t('commitments.saved'));
      await queryClient.invalidateQueries();
    } catch (err) {
      setProblem(showProblem(form, err));
    }
  }
  return (
    <Form<V>
      form={form}
      name={action}
      aria-label={submit}
      layout="vertical"
      onFinish={(values) => void send(values)}
      initialValues={initialValues}
      style={{ maxWidth: 560 }}
    >
      {children}
      {problem && <Alert type="error" title={problem} showIcon style={{ marginBottom: 16 }} />}
      <Button type="primary" htmlType="submit">
        {submit}
      </Button>
    </Form>
  );
}
