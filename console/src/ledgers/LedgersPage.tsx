import { Alert, DatePicker, Form, Select, Space, TreeSelect, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { $api } from '../api/client';
import { useSession } from '../auth/session';
import { OrgUnit, unitTree, useOrgUnits } from '../components/orgUnits';
import { CommitmentFigures } from './CommitmentFigures';
import { Downloads } from './Downloads';
import { beijingMonth, Ledger } from './format';
import { LedgerTables } from './LedgerTables';
import { RankingCharts } from './RankingCharts';
import { RatesTrend } from './RatesTrend';

const categoryLevels = ['1', '2', '3'];

/** The levels of a unit and those below it, from the top down: what a ranking may rank. */
function levelsFrom(units: readonly OrgUnit[], rootId: string): string[] {
  const levels: string[] = [];
  let rung = units.filter((u) => u.id === rootId);
  while (rung.length) {
    for (const unit of rung) if (!levels.includes(unit.level)) levels.push(unit.level);
    const ids = new Set(rung.map((u) => u.id));
    rung = units.filter((u) => u.parent !== undefined && ids.has(u.parent));
  }
  return levels;
}

/**
 * 台账排名: a unit's ledger for a month, chosen by unit (of the caller's scope), month and the level of
 * the category tree its subjects roll up to; the rates' trend, the ranking and one-click files.
 */
export default function LedgersPage() {
  const { t } = useTranslation();
  const { i18n } = useTranslation();
  const { unit: home } = useSession();
  const units = useOrgUnits();
  const all = units.data?.items ?? [];
  const [picked, setUnitId] = useState<string>();
  // An auditor's assignment is no unit of the tree: they start at its top.
  const unitId = picked ?? (all.some((u) => u.id === home) ? home! : all.find((u) => !u.parent)?.id);
  const [month, setMonth] = useState(beijingMonth);
  const [categoryLevel, setCategoryLevel] = useState('1');
  const levels = unitId ? levelsFrom(all, unitId) : [];
  const [chosenLevel, setLevel] = useState<string>();
  // Below the unit if it has units below it: a village leader ranks its own level.
  const level = chosenLevel && levels.includes(chosenLevel) ? chosenLevel : (levels[1] ?? levels[0]);
  const ledger = $api.useQuery(
    'get',
    '/api/v1/ledgers/{unitId}',
    { params: { path: { unitId: unitId ?? '' }, query: { month, categoryLevel } } },
    { enabled: !!unitId },
  );
  const data = ledger.data as Ledger | undefined;

  return (
    <>
      <Typography.Title level={2}>{t('nav.ledgers')}</Typography.Title>
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item label={t('ledgers.unit')} htmlFor="ledger-unit">
          <TreeSelect
            id="ledger-unit"
            value={unitId}
            onChange={setUnitId}
            treeData={unitTree(all, home ?? '', i18n.language)}
            treeDefaultExpandAll
            showSearch
            treeNodeFilterProp="title"
            style={{ minWidth: 220 }}
          />
        </Form.Item>
        <Form.Item label={t('ledgers.month')} htmlFor="ledger-month">
          <DatePicker
            id="ledger-month"
            picker="month"
            allowClear={false}
            value={dayjs(`${month}-01`)}
            onChange={(value) => value && setMonth(value.format('YYYY-MM'))}
          />
        </Form.Item>
        <Form.Item label={t('ledgers.categoryLevel')} htmlFor="ledger-category-level">
          <Select
            id="ledger-category-level"
            value={categoryLevel}
            onChange={setCategoryLevel}
            style={{ minWidth: 120 }}
            options={categoryLevels.map((l) => ({ value: l, label: t(`ledgers.categoryLevels.${l}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('ledgers.rankingLevel')} htmlFor="ledger-ranking-level">
          <Select
            id="ledger-ranking-level"
            value={level}
            onChange={setLevel}
            style={{ minWidth: 140 }}
            options={levels.map((l) => ({ value: l, label: t(`supervision.levels.${l}`, l) }))}
          />
        </Form.Item>
      </Form>
      {units.error && <Alert type="error" title={t('failed')} description={units.error.detail} showIcon />}
      {ledger.error && <Alert type="error" title={t('failed')} description={ledger.error.detail} showIcon />}
      {unitId && (
        <>
          <Downloads unitId={unitId} month={month} categoryLevel={categoryLevel} level={level ?? ''} />
          <Space orientation="vertical" size="large" style={{ width: '100%', marginTop: 16 }}>
            <RatesTrend unitId={unitId} month={month} current={data} />
            {level && <RankingCharts level={level} month={month} />}
            {data && <LedgerTables ledger={data} />}
            <CommitmentFigures unitId={unitId} month={month} />
          </Space>
        </>
      )}
    </>
  );
}
