import { Alert, App, Button, Card, Col, Form, Input, Radio, Row, Select } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { $api, api, queryClient } from '../api/client';
import type { components } from '../api/schema';
import { showProblem } from '../api/formErrors';

type Request = components['schemas']['Request'];
export type RequestAction = Request['actions'][number];

const durations = ['PT2H', 'PT4H', 'P1D', 'P3D', 'P7D'];

/** The people a supervisor may dispatch to: the directory as the API lets them see it. */
function AssigneeSelect(props: { id?: string; value?: string; onChange?: (value: string) => void }) {
  const people = $api.useQuery('get', '/api/v1/org/people', { params: { query: { pageSize: 100 } } });
  return (
    <Select
      {...props}
      showSearch
      loading={people.isLoading}
      optionFilterProp="label"
      options={(people.data?.items ?? []).map((person) => ({
        value: person.id,
        label: `${person.name} (${person.id})`,
      }))}
    />
  );
}

/** Each action's fields, named as its API body names them, so the API's errors land beside them. */
function fieldsOf(action: RequestAction, request: Request, t: (key: string) => string): ReactNode {
  const text = (name: string, label: string) => (
    <Form.Item name={name} label={t(`request.field.${label}`)}>
      <Input.TextArea rows={2} />
    </Form.Item>
  );
  const yesNo = (name: string, label: string, yes: string, no: string) => (
    <Form.Item name={name} label={t(`request.field.${label}`)}>
      <Radio.Group
        options={[
          { value: true, label: t(`request.field.${yes}`) },
          { value: false, label: t(`request.field.${no}`) },
        ]}
      />
    </Form.Item>
  );
  switch (action) {
    case 'dispatch':
      return (
        <>
          <Form.Item name="assignee" label={t('request.field.assignee')}>
            <AssigneeSelect />
          </Form.Item>
          {text('note', 'note')}
        </>
      );
    case 'accept':
      return text('note', 'note');
    case 'progress':
      return text('note', 'progressNote');
    case 'resolve':
      return text('note', 'resolution');
    case 'extend':
      return (
        <>
          <Form.Item name="duration" label={t('request.field.duration')}>
            <Select options={durations.map((value) => ({ value, label: t(`request.durations.${value}`) }))} />
          </Form.Item>
          {text('reason', 'reason')}
        </>
      );
    case 'extend/decision':
      return (
        <>
          {yesNo('approve', 'approve', 'approveYes', 'approveNo')}
          {text('note', 'note')}
        </>
      );
    case 'feedback':
      return (
        <>
          {yesNo('satisfied', 'satisfied', 'yes', 'no')}
          {text('note', 'comment')}
          {request.returnVisit.requesters > 1 && (
            <Form.Item name="requester" label={t('request.field.requesterId')}>
              <Input />
            </Form.Item>
          )}
        </>
      );
    case 'merge':
      return (
        <>
          <Form.Item name="into" label={t('request.field.into')}>
            <Input />
          </Form.Item>
          {text('note', 'note')}
        </>
      );
    case 'route':
      return (
        <>
          <Form.Item name="gridId" label={t('request.field.gridId')}>
            <Input />
          </Form.Item>
          {text('note', 'note')}
        </>
      );
    case 'return':
    case 'escalate':
    case 'withdraw':
    case 'reopen':
    case 'reject':
      return text('reason', 'reason');
  }
}

/**
 * One action as a form: what it sends is checked by the API alone, whose validation errors are
 * shown beside their fields; on success the page reads the request and its timeline again.
 */
function ActionForm({ action, request }: { action: RequestAction; request: Request }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [failed, setFailed] = useState<string>();
  const [sending, setSending] = useState(false);
  const title = t(`request.action.${action}`);
  const send = async (values: Record<string, unknown>) => {
    setSending(true);
    setFailed(undefined);
    try {
      // One endpoint per action (POST /requests/{id}/<action>); the body is the form's, as the API names it.
      const path = `/api/v1/requests/{id}/${action}` as '/api/v1/requests/{id}/return';
      await api.POST(path, { params: { path: { id: request.id } }, body: values as never });
      form.resetFields();
      void message.success(`${title}: ${t('request.done')}`);
      await queryClient.invalidateQueries();
    } catch (err) {
      setFailed(showProblem(form, err));
    } finally {
      setSending(false);
    }
  };
  return (
    <Card size="small" title={title} style={{ height: '100%' }}>
      <Form
        form={form}
        name={action.replace('/', '-')}
        aria-label={title}
        layout="vertical"
        onFinish={(values) => void send(values)}
      >
        {fieldsOf(action, request, t)}
        {failed && <Alert type="error" title={failed} showIcon style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" loading={sending} autoInsertSpace={false}>
          {title}
        </Button>
      </Form>
    </Card>
  );
}

/** The actions the API says this user may take on the request now, each as its form. */
export function ActionForms({ request }: { request: Request }) {
  const { t } = useTranslation();
  if (!request.actions.length) return <Alert type="info" title={t('request.noActions')} showIcon />;
  return (
    <Row gutter={[16, 16]}>
      {request.actions.map((action) => (
        <Col key={action} xs={24} lg={12}>
          <ActionForm action={action} request={request} />
        </Col>
      ))}
    </Row>
  );
}
