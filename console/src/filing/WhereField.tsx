import { Alert, Col, Form, Input, Radio, Row, TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { $api } from '../api/client';
import type { components } from '../api/schema';
import { bilingual } from '../i18n';
import { required } from '../components/formRules';
import { useDebounced } from './useDebounced';

type Unit = components['schemas']['OrgUnit'];
interface GridNode {
  value: string;
  title: string;
  selectable: boolean;
  children: GridNode[];
}

export type Where = 'address' | 'grid';

/** The org tree from its top, where only a grid unit (one that files under a grid id) can be chosen. */
function gridTree(units: Unit[], language: string): GridNode[] {
  const nodes = new Map<string, GridNode>(
    units.map((unit) => [
      unit.id,
      {
        value: unit.grid ?? unit.id,
        title: bilingual(unit.name, language),
        selectable: unit.grid !== undefined,
        children: [],
      },
    ]),
  );
  const roots: GridNode[] = [];
  for (const unit of units) {
    const parent = unit.parent ? nodes.get(unit.parent) : undefined;
    (parent ? parent.children : roots).push(nodes.get(unit.id)!);
  }
  return roots;
}

/** The grid the API finds for a community and building as they are typed, and who answers there. */
function GridFound() {
  const { t, i18n } = useTranslation();
  const form = Form.useFormInstance();
  const community = Form.useWatch<string | undefined>(['place', 'community'], form)?.trim();
  const building = Form.useWatch<string | undefined>(['place', 'building'], form)?.trim();
  const asked = useDebounced({ community, building: building || undefined }, 300);
  const lookup = $api.useQuery(
    'get',
    '/api/v1/places/grid',
    { params: { query: { community: asked.community, building: asked.building } } },
    { enabled: !!asked.community },
  );
  if (!asked.community) return null;
  const found = lookup.data;
  const message = lookup.isLoading
    ? t('filing.where.looking')
    : lookup.error
      ? t('filing.where.notFound')
      : found?.grid
        ? `${t('filing.where.found')}：${bilingual(found.grid.name, i18n.language)}（${found.grid.id}）`
        : t('filing.where.queue', { township: bilingual(found?.township?.name, i18n.language) });
  const answers = found?.responsible.person?.name ?? bilingual(found?.responsible.unitName, i18n.language);
  return (
    <div role="status" data-testid="grid-found" style={{ marginBottom: 24 }}>
      <Alert
        type={lookup.error ? 'warning' : 'info'}
        showIcon
        title={message}
        description={found && answers ? `${t('filing.where.answers')}：${answers}` : undefined}
      />
    </div>
  );
}

function GridPicker() {
  const { t, i18n } = useTranslation();
  const units = $api.useQuery('get', '/api/v1/org/units');
  return (
    <Form.Item name="gridId" label={t('filing.where.grid')} rules={required}>
      <TreeSelect
        loading={units.isLoading}
        treeData={gridTree(units.data?.items ?? [], i18n.language)}
        treeDefaultExpandAll
        showSearch
        treeNodeFilterProp="title"
        placeholder={t('filing.where.gridPlaceholder')}
      />
    </Form.Item>
  );
}

/** Where the matter is: an address the API maps to its grid, or a grid picked from the org tree (the API takes exactly one). */
export function WhereField() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const where = Form.useWatch<Where | undefined>('where', form);
  return (
    <>
      <Form.Item name="where" label={t('filing.where.label')}>
        <Radio.Group
          optionType="button"
          options={[
            { value: 'address', label: t('filing.where.byAddress') },
            { value: 'grid', label: t('filing.where.byGrid') },
          ]}
        />
      </Form.Item>
      {where === 'grid' ? (
        <GridPicker />
      ) : (
        <>
          <Row gutter={16}>
            <Col span={14}>
              <Form.Item name={['place', 'community']} label={t('filing.where.community')} rules={required}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item name={['place', 'building']} label={t('filing.where.building')}>
                <Input />
              </Form.Item>
            </Col>
          </Row>
          <GridFound />
        </>
      )}
    </>
  );
}
