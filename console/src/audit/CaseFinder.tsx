import { Button, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';

/** The prefixes of the workflow IDs that name a case (common/caseKinds.ts): the API checks the rest. */
const kinds = ['request', 'plan', 'pairing', 'pledge', 'committee'] as const;

interface Found {
  kind: (typeof kinds)[number];
  id: string;
}

/** The case's workflow ID from its kind and id; an id pasted whole (`request-6f1c…`) is taken as it is. */
function caseIdOf({ kind, id }: Found): string {
  const trimmed = id.trim();
  return kinds.some((k) => trimmed.startsWith(`${k}-`)) ? trimmed : `${kind}-${trimmed}`;
}

function foundOf(caseId: string | undefined): Partial<Found> {
  const kind = kinds.find((k) => caseId?.startsWith(`${k}-`));
  return kind ? { kind, id: caseId!.slice(kind.length + 1) } : { kind: 'request' };
}

/** Names the case to audit by its kind and id. */
export function CaseFinder({ caseId, onFind }: { caseId?: string; onFind(caseId: string): void }) {
  const { t } = useTranslation();
  return (
    <Form<Found>
      name="auditCase"
      layout="inline"
      initialValues={foundOf(caseId)}
      onFinish={(found) => onFind(caseIdOf(found))}
      requiredMark={false}
      style={{ marginBottom: 16 }}
    >
      <Form.Item name="kind" label={t('audit.find.kind')}>
        <Select
          style={{ width: 200 }}
          options={kinds.map((kind) => ({ value: kind, label: t(`audit.find.kinds.${kind}`) }))}
        />
      </Form.Item>
      <Form.Item name="id" label={t('audit.find.id')} rules={[{ required: true, whitespace: true }]}>
        <Input style={{ width: 320 }} placeholder={t('audit.find.idHint')} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit">
          {t('audit.find.submit')}
        </Button>
      </Form.Item>
    </Form>
  );
}
