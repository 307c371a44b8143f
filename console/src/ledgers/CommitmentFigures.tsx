import { Alert, Card, Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { $api } from '../api/client';
import type { components } from '../api/schema';
import { percent } from './format';

type Figures = components['schemas']['CommitmentKpis'];

/** 承诺履行: the unit's three-year commitments in the period (letters, visits, problems, funds, assessments). */
export function CommitmentFigures({ unitId, month }: { unitId: string; month: string }) {
  const { t } = useTranslation();
  const read = $api.useQuery('get', '/api/v1/ledgers/{unitId}/commitments', {
    params: { path: { unitId }, query: { month } },
  });
  const figures = read.data as Figures | undefined;
  const none = t('ledgers.noRate');
  return (
    <Card title={t('ledgers.commitments')} size="small" loading={read.isLoading}>
      {read.error && <Alert type="error" title={t('failed')} description={read.error.detail} showIcon />}
      {figures && (
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'commitments', label: t('ledgers.activeCommitments'), children: figures.commitments },
            {
              key: 'letters',
              label: t('ledgers.letters'),
              children: `${figures.letters.signedOnTime} / ${figures.letters.due} (${percent(figures.letters.rate, none)})`,
            },
            { key: 'visits', label: t('ledgers.visits'), children: figures.visits.kept },
            {
              key: 'problems',
              label: t('ledgers.problems'),
              children: `${figures.problems.solved} / ${figures.problems.opened}`,
            },
            {
              key: 'funds',
              label: t('ledgers.funds'),
              children: `${figures.funds.securedYuan.toLocaleString()} (${percent(figures.funds.rate, none)})`,
            },
            {
              key: 'assessments',
              label: t('ledgers.assessments'),
              children: `${figures.assessments.count} · ${figures.assessments.meanScore?.toFixed(1) ?? none}`,
            },
          ]}
        />
      )}
    </Card>
  );
}
