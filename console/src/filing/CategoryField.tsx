import { Cascader, Descriptions, Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { components } from '../api/schema';
import { bilingual } from '../i18n';
import { requiredPath } from '../components/formRules';
import { durationWords } from './durations';

type Categories = components['schemas']['Categories'];
type Node = { code: string; label: { zh: string; en: string }; children?: Node[] };
interface Option {
  value: string;
  label: string;
  children?: Option[];
}

const stages = ['dispatch', 'accept', 'resolve', 'returnVisit'] as const;

function optionsOf(nodes: Node[], language: string): Option[] {
  return nodes.map((node) => ({
    value: node.code,
    label: bilingual(node.label, language),
    ...(node.children?.length ? { children: optionsOf(node.children, language) } : {}),
  }));
}

/**
 * The category tree from its roots to a leaf (the filing names the leaf), the urgencies the policy
 * has, and what the chosen leaf gets: its deadline class, the level handling it first and each
 * stage's deadline at the chosen urgency, as GET /categories states them.
 */
export function CategoryField({ categories }: { categories: Categories }) {
  const { t, i18n } = useTranslation();
  const form = Form.useFormInstance();
  const path = Form.useWatch<string[] | undefined>('category', form);
  const urgency = Form.useWatch<string | undefined>('urgency', form);
  const leaf = categories.leaves.find((candidate) => candidate.code === path?.at(-1));
  const deadlines = urgency ? leaf?.deadlines[urgency] : undefined;
  const urgencyLabel = categories.urgencies.find((u) => u.key === urgency)?.label;
  return (
    <>
      <Form.Item name="category" label={t('filing.category')} rules={requiredPath}>
        <Cascader
          options={optionsOf(categories.roots, i18n.language)}
          placeholder={t('filing.categoryPlaceholder')}
          showSearch
          expandTrigger="hover"
        />
      </Form.Item>
      <Form.Item name="urgency" label={t('filing.urgency')}>
        <Select
          options={categories.urgencies.map(({ key, label }) => ({
            value: key,
            label: bilingual(label, i18n.language),
          }))}
        />
      </Form.Item>
      {leaf && (
        <Descriptions
          size="small"
          column={2}
          bordered
          title={t('filing.leaf.title', { urgency: bilingual(urgencyLabel, i18n.language) })}
          style={{ marginBottom: 24 }}
          data-testid="leaf-deadlines"
        >
          <Descriptions.Item label={t('filing.leaf.slaClass')}>
            {bilingual(leaf.slaClass.label, i18n.language)}
          </Descriptions.Item>
          <Descriptions.Item label={t('filing.leaf.handledBy')}>
            {bilingual(leaf.handledBy.label, i18n.language)}
          </Descriptions.Item>
          {deadlines &&
            stages.map((stage) => (
              <Descriptions.Item key={stage} label={t(`filing.stage.${stage}`)}>
                <span title={deadlines[stage].rule}>{durationWords(deadlines[stage].duration, t)}</span>
              </Descriptions.Item>
            ))}
        </Descriptions>
      )}
    </>
  );
}
