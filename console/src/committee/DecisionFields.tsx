import { Form, Input, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { $api } from '../api/client';
import { bilingual } from '../i18n';
import { DurationInput } from './DurationInput';
import type { AgendaItem, Decision } from './types';

/** The fields one kind of decision takes (api/committees/schema.ts), under `decisions[n].decision`. */
export function DecisionFields({
  name,
  kind,
  items,
}: {
  name: number;
  kind: Decision['kind'] | undefined;
  items: AgendaItem[];
}) {
  const { t, i18n } = useTranslation();
  const field = (key: string) => [name, 'decision', key];
  // The ladder below the committee, its top rung: where a committee may send a request down to.
  const below = $api.useQuery('get', '/api/v1/categories').data?.levels.slice(0, -1) ?? [];
  switch (kind) {
    case 'assignLead':
      return (
        <>
          <Form.Item name={field('leadOfficial')} label={t('committee.leadOfficial')}>
            <Input />
          </Form.Item>
          <Form.Item name={field('leadUnit')} label={t('committee.leadUnit')}>
            <Input />
          </Form.Item>
          <Form.Item name={field('deadline')} label={t('committee.deadline')}>
            <DurationInput />
          </Form.Item>
          <Form.Item name={field('supervision')} label={t('committee.supervision')}>
            <Radio.Group
              options={(['general', 'key', 'top'] as const).map((level) => ({
                value: level,
                label: t(`committee.supervisionLevels.${level}`),
              }))}
            />
          </Form.Item>
          <Form.Item name={field('note')} label={t('committee.note')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </>
      );
    case 'sendDown':
      return (
        <>
          <Form.Item name={field('toLevel')} label={t('committee.toLevel')}>
            <Select
              options={below.map((level) => ({
                value: level.id,
                label: bilingual(level.label, i18n.language),
              }))}
            />
          </Form.Item>
          <Form.Item name={field('instructions')} label={t('committee.instructions')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </>
      );
    case 'merge':
      return (
        <>
          <Form.Item name={field('into')} label={t('committee.into')}>
            <Select options={items.map((item) => ({ value: item.key, label: item.title }))} />
          </Form.Item>
          <Form.Item name={field('note')} label={t('committee.note')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </>
      );
    case 'close':
      return (
        <Form.Item name={field('outcome')} label={t('committee.outcome')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      );
    default:
      return null;
  }
}
