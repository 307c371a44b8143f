import { DatePicker, Form, Input, InputNumber, Select, Tabs } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ActionForm } from './ActionForm';
import { ActionTab, offeredBy, useKeepingForms } from './KeepingForms';
import { Commitment, CommitmentAction, CommitmentPath } from './kinds';

const focusAreas = [
  'policy',
  'land',
  'funds',
  'talent',
  'energy',
  'management',
  'innovation',
  'party_building',
];
/** Optional text left empty is not sent: the API takes a missing note, not an empty one. */
const filled = (text: string | undefined) => (text?.trim() ? text : undefined);

/**
 * The forms for what a team does most, those the API offers the caller on this commitment
 * (`actions`); whether the case takes each in its state is the API's answer to the post.
 */
export function ActionTabs({ kind, commitment }: { kind: CommitmentPath; commitment: Commitment }) {
  const { t } = useTranslation();
  const { id } = commitment;
  const households = (commitment.households ?? []).map((h) => ({ value: h.id, label: h.name }));
  const household = commitment.households ? (
    <Form.Item name="household" label={t('commitments.household')}>
      <Select allowClear options={households} />
    </Form.Item>
  ) : null;

  const keeping = useKeepingForms(kind, commitment);
  const forms: Partial<Record<CommitmentAction, ActionTab>> = {
    visits: {
      label: t('commitments.recordVisit'),
      form: (
        <ActionForm<{ note: string; at?: Dayjs; household?: string }>
          kind={kind}
          id={id}
          action="visits"
          submit={t('commitments.recordVisit')}
          toBody={({ at, ...rest }) => ({ ...rest, at: at?.format() })}
        >
          <Form.Item name="note" label={t('commitments.visitNote')}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="at" label={t('commitments.at')}>
            <DatePicker showTime />
          </Form.Item>
          {household}
        </ActionForm>
      ),
    },
    funds: {
      label: t('commitments.recordFunds'),
      form: (
        <ActionForm<{ amountYuan: number; source: string; date: Dayjs; note?: string }>
          kind={kind}
          id={id}
          action="funds"
          submit={t('commitments.recordFunds')}
          initialValues={{ date: dayjs() }}
          toBody={({ date, note, ...rest }) => ({
            ...rest,
            date: date?.format('YYYY-MM-DD'),
            note: filled(note),
          })}
        >
          <Form.Item name="amountYuan" label={t('commitments.amount')}>
            <InputNumber style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="source" label={t('commitments.source')}>
            <Input />
          </Form.Item>
          <Form.Item name="date" label={t('commitments.date')}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="note" label={t('commitments.fundsNote')}>
            <Input />
          </Form.Item>
        </ActionForm>
      ),
    },
    problems: {
      label: t('commitments.openProblem'),
      form: (
        <ActionForm<{ title: string; area: string; note?: string }>
          kind={kind}
          id={id}
          action="problems"
          submit={t('commitments.openProblem')}
          toBody={({ note, ...rest }) => ({ ...rest, note: filled(note) })}
        >
          <Form.Item name="title" label={t('commitments.problemTitle')}>
            <Input />
          </Form.Item>
          <Form.Item name="area" label={t('commitments.area')}>
            {kind === 'plans' ? (
              <Select
                options={focusAreas.map((area) => ({ value: area, label: t(`commitments.areas.${area}`) }))}
              />
            ) : (
              <Input />
            )}
          </Form.Item>
          <Form.Item name="note" label={t('commitments.note')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </ActionForm>
      ),
    },
    letters: {
      label: t('commitments.signLetter'),
      form: (
        <ActionForm<{ year: number; targets?: string; fundsTargetYuan?: number; note?: string }>
          kind={kind}
          id={id}
          action="letters"
          submit={t('commitments.signLetter')}
          initialValues={{ year: commitment.year }}
          toBody={({ targets, note, ...rest }) => ({
            ...rest,
            targets: (targets ?? '').split('\n').filter((line) => line.trim()),
            note: filled(note),
          })}
        >
          <Form.Item name="year" label={t('commitments.letterYear')}>
            <InputNumber min={1} />
          </Form.Item>
          <Form.Item name="targets" label={t('commitments.targets')} extra={t('commitments.targetsHint')}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="fundsTargetYuan" label={t('commitments.fundsTarget')}>
            <InputNumber style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="note" label={t('commitments.note')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </ActionForm>
      ),
    },
    deeds: {
      label: t('commitments.promiseDeed'),
      form: (
        <ActionForm<{ title: string; household?: string }>
          kind={kind}
          id={id}
          action="deeds"
          submit={t('commitments.promiseDeed')}
        >
          <Form.Item name="title" label={t('commitments.deedTitle')}>
            <Input />
          </Form.Item>
          {household}
        </ActionForm>
      ),
    },
  };
  // In the order above, the most frequent first.
  const all: Record<string, ActionTab> = { ...forms, ...keeping };
  const offered = Object.entries(all)
    .filter(([key]) => commitment.actions?.includes(offeredBy[key] ?? (key as CommitmentAction)))
    .map(([key, { label, form }]) => ({ key, label, children: form }));
  return <Tabs items={offered} />;
}
