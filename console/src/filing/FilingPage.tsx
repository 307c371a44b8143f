import { Alert, Button, Card, Col, Divider, Form, Input, Row, Select, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { $api, api, ApiProblem, ok, queryClient } from '../api/client';
import { showProblem } from '../api/formErrors';
import type { components } from '../api/schema';
import { useSession } from '../auth/session';
import { required } from '../components/formRules';
import { CategoryField } from './CategoryField';
import { DuplicateCandidates } from './DuplicateCandidates';
import { duplicateSearchOf, filingBody, FilingValues } from './filingBody';
import { WhereField } from './WhereField';

type Channel = components['schemas']['CreateRequest']['channel'];
const channels: Channel[] = ['hotline', 'app', 'web', 'visit', 'grid_member'];

/** How each role usually takes a request in; the operator can change it. */
const usualChannel: Record<string, Channel> = {
  hotline_operator: 'hotline',
  grid_member: 'grid_member',
  branch_secretary: 'grid_member',
  resident: 'web',
};

/** A key per filing, kept over its retries: a double click or a resend files once (api/cases.ts). */
function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `filing-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The API names a place with nothing in it as `body.place`; the form asks for it as its community. */
function onCommunity(err: unknown): unknown {
  if (!(err instanceof ApiProblem)) return err;
  return new ApiProblem({
    ...err,
    errors: err.errors?.map((e) => (e.field === 'body.place' ? { ...e, field: 'body.place.community' } : e)),
  });
}

/**
 * 点单: the hotline operator (or grid staff, or a resident for themself) files a request: its
 * category and urgency, what it is about, where (an address mapped to its grid, or a grid), who asks
 * and how to reach them. The open requests it may repeat show before it is filed.
 */
export default function FilingPage() {
  const { t } = useTranslation();
  const { me, role } = useSession();
  const [form] = Form.useForm<FilingValues>();
  const [key, setKey] = useState(newIdempotencyKey);
  const [filed, setFiled] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const [submitting, setSubmitting] = useState(false);
  const categories = $api.useQuery('get', '/api/v1/categories');
  const values = Form.useWatch([], form) as Partial<FilingValues> | undefined;
  const initialValues: Partial<FilingValues> = {
    where: 'address',
    channel: usualChannel[role ?? ''] ?? 'hotline',
    urgency: categories.data?.urgencies[0]?.key,
    ...(role === 'resident' ? { requester: { id: me?.person.id, name: me?.person.name } } : {}),
  };

  async function file(typed: FilingValues) {
    setSubmitting(true);
    setProblem(undefined);
    setFiled(undefined);
    try {
      const request = ok(
        await api.POST('/api/v1/requests', {
          params: { header: { 'idempotency-key': key } },
          body: filingBody(typed),
        }),
      );
      setFiled(request.id);
      form.resetFields();
      setKey(newIdempotencyKey());
      void queryClient.invalidateQueries();
    } catch (err) {
      setProblem(showProblem(form, onCommunity(err)));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <>
      <Typography.Title level={2}>{t('nav.file')}</Typography.Title>
      {filed && (
        <div role="status" data-testid="filed">
          <Alert
            type="success"
            showIcon
            closable={{ onClose: () => setFiled(undefined) }}
            title={t('filing.filed')}
            description={
              <Space>
                {t('filing.filedAs', { id: filed })}
                <Link to={`/requests/${filed}`}>{t('filing.open')}</Link>
              </Space>
            }
            style={{ marginBottom: 16 }}
          />
        </div>
      )}
      {categories.error && (
        <Alert type="error" showIcon title={t('failed')} description={categories.error.detail} />
      )}
      {categories.isLoading && <Spin />}
      {categories.data && (
        <Row gutter={24}>
          <Col xs={24} xl={14}>
            <Card>
              <Form<FilingValues>
                form={form}
                layout="vertical"
                initialValues={initialValues}
                onFinish={(typed) => void file(typed)}
              >
                <CategoryField categories={categories.data} />
                <Form.Item name="title" label={t('filing.title')} rules={required}>
                  <Input maxLength={200} />
                </Form.Item>
                <Form.Item name="description" label={t('filing.description')} rules={required}>
                  <Input.TextArea rows={4} maxLength={5000} />
                </Form.Item>
                <WhereField />
                <Divider titlePlacement="start">{t('filing.requester.section')}</Divider>
                <Row gutter={16}>
                  <Col span={8}>
                    <Form.Item
                      name={['requester', 'id']}
                      label={t('filing.requester.id')}
                      rules={required}
                      tooltip={t('filing.requester.idHelp')}
                    >
                      <Input disabled={role === 'resident'} />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item
                      name={['requester', 'name']}
                      label={t('filing.requester.name')}
                      rules={required}
                    >
                      <Input />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item name={['requester', 'phone']} label={t('filing.requester.phone')}>
                      <Input type="tel" />
                    </Form.Item>
                  </Col>
                </Row>
                <Form.Item name="channel" label={t('filing.channel')}>
                  <Select
                    options={channels.map((channel) => ({
                      value: channel,
                      label: t(`filing.channels.${channel}`),
                    }))}
                  />
                </Form.Item>
                {problem && (
                  <Alert
                    type="error"
                    showIcon
                    title={t('filing.failed')}
                    description={problem}
                    style={{ marginBottom: 16 }}
                  />
                )}
                <Space>
                  <Button type="primary" htmlType="submit" loading={submitting}>
                    {t('filing.submit')}
                  </Button>
                  <Button htmlType="button" onClick={() => form.resetFields()}>
                    {t('filing.reset')}
                  </Button>
                </Space>
              </Form>
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <DuplicateCandidates search={values && duplicateSearchOf(values)} />
          </Col>
        </Row>
      )}
    </>
  );
}
