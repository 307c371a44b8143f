import { Alert, Button, Card, DatePicker, Form, FormInstance, Input, Radio, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, queryClient } from '../api/client';
import type { components } from '../api/schema';
import { showProblem } from '../api/formErrors';
import { DecisionFields } from './DecisionFields';
import type { AgendaItem, Meeting } from './types';

export type MeetingValues = Omit<Meeting, 'heldAt'> & { heldAt: Dayjs };
type MeetingResult = components['schemas']['MeetingResult'];

/** The item a decision is about, shown by its title (the key is what the API takes). */
function ItemTitle({ id, value, items }: { id?: string; value?: string; items: AgendaItem[] }) {
  return <span id={id}>{items.find((item) => item.key === value)?.title ?? value}</span>;
}

/**
 * 会议: who sat, when, and one decision per item taken up (added from the agenda). The API checks the
 * whole meeting; its errors show beside the fields they name, the rest above the button.
 */
export function MeetingForm({
  form,
  unitId,
  items,
}: {
  form: FormInstance<MeetingValues>;
  unitId: string;
  items: AgendaItem[];
}) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string>();
  const [recorded, setRecorded] = useState<MeetingResult>();
  const titleOf = (key: string) => items.find((item) => item.key === key)?.title ?? key;

  async function record(values: MeetingValues) {
    setProblem(undefined);
    setRecorded(undefined);
    try {
      const result = ok(
        await api.POST('/api/v1/committees/{unitId}/meetings', {
          params: { path: { unitId } },
          body: { ...values, decisions: values.decisions ?? [], heldAt: values.heldAt.format() },
        }),
      );
      setRecorded(result);
      form.resetFields();
      await queryClient.invalidateQueries();
    } catch (err) {
      setProblem(showProblem(form, err));
    }
  }

  return (
    <Form<MeetingValues>
      form={form}
      name="meeting"
      layout="vertical"
      preserve={false}
      onFinish={(values) => void record(values)}
      initialValues={{ id: dayjs().format('YYYY-MM-DD-HHmm'), heldAt: dayjs(), decisions: [] }}
      style={{ maxWidth: 720 }}
    >
      <Typography.Paragraph type="secondary">{t('committee.meetingHint')}</Typography.Paragraph>
      <Form.Item name="id" label={t('committee.meetingId')}>
        <Input />
      </Form.Item>
      <Form.Item name="heldAt" label={t('committee.heldAt')}>
        <DatePicker showTime />
      </Form.Item>
      <Form.Item
        name="membersPresent"
        label={t('committee.membersPresent')}
        extra={t('committee.membersHint')}
      >
        <Select mode="tags" open={false} suffixIcon={null} />
      </Form.Item>
      <Form.List name="decisions">
        {(fields, { remove }) =>
          fields.map(({ key, name }) => (
            <Card
              key={key}
              size="small"
              style={{ marginBottom: 16 }}
              title={titleOf(form.getFieldValue(['decisions', name, 'item']) as string)}
              extra={<Button onClick={() => remove(name)}>{t('committee.removeItem')}</Button>}
            >
              <Form.Item name={[name, 'item']} label={t('committee.item')}>
                <ItemTitle items={items} />
              </Form.Item>
              <Form.Item name={[name, 'decision', 'kind']} label={t('committee.kind')}>
                <Radio.Group
                  options={(['assignLead', 'sendDown', 'merge', 'close'] as const).map((kind) => ({
                    value: kind,
                    label: t(`committee.kinds.${kind}`),
                  }))}
                />
              </Form.Item>
              <Form.Item noStyle dependencies={[['decisions', name, 'decision', 'kind']]}>
                {() => (
                  <DecisionFields
                    name={name}
                    kind={form.getFieldValue(['decisions', name, 'decision', 'kind'])}
                    items={items}
                  />
                )}
              </Form.Item>
            </Card>
          ))
        }
      </Form.List>
      {problem && <Alert type="error" title={problem} showIcon style={{ marginBottom: 16 }} />}
      {recorded && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('committee.recorded', { id: recorded.meeting.id })}
          description={
            <ul>
              {recorded.deliveries.map((d) => (
                <li key={d.item}>
                  {recorded.meeting.decisions.find((decided) => decided.item === d.item)?.title ?? d.item}:{' '}
                  {t(`committee.outcomes.${d.outcome}`)}
                  {d.reason && ` (${d.reason})`}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Button type="primary" htmlType="submit">
        {t('committee.record')}
      </Button>
    </Form>
  );
}
