import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, download } from '../api/client';

/** The ledger's sections as the API exports them (api/ledgers/workbook.ts): a CSV holds one. */
const sections = [
  'summary',
  'rates',
  'counts',
  'levels',
  'statuses',
  'categories',
  'channels',
  'subjects',
  'overdue',
];

/**
 * One-click files, as the API renders them (`?format=xlsx`, or `csv` with a section): the ledger,
 * the ranking and the commitment figures of what the page shows.
 */
export function Downloads({
  unitId,
  month,
  categoryLevel,
  level,
}: {
  unitId: string;
  month: string;
  categoryLevel: string;
  level: string;
}) {
  const { t } = useTranslation();
  const [section, setSection] = useState('summary');
  const [problem, setProblem] = useState<string>();
  const ledger = `/api/v1/ledgers/${encodeURIComponent(unitId)}?month=${month}&categoryLevel=${categoryLevel}`;
  const ranking = `/api/v1/rankings?level=${encodeURIComponent(level)}&month=${month}`;
  const commitments = `/api/v1/ledgers/${encodeURIComponent(unitId)}/commitments?month=${month}`;
  const fetched = (path: string, name: string) => () => {
    setProblem(undefined);
    download(path, name).catch((err: unknown) =>
      setProblem(err instanceof ApiProblem ? err.detail : (err as Error).message),
    );
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Button
          type="primary"
          icon={<DownloadOutlined />}
          onClick={fetched(`${ledger}&format=xlsx`, 'ledger.xlsx')}
        >
          {t('ledgers.download.ledgerXlsx')}
        </Button>
        <Select
          aria-label={t('ledgers.download.section')}
          value={section}
          onChange={setSection}
          style={{ minWidth: 160 }}
          options={sections.map((key) => ({ value: key, label: t(`ledgers.sections.${key}`) }))}
        />
        <Button
          icon={<DownloadOutlined />}
          onClick={fetched(`${ledger}&format=csv&section=${section}`, 'ledger.csv')}
        >
          {t('ledgers.download.ledgerCsv')}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={fetched(`${ranking}&format=xlsx`, 'ranking.xlsx')}>
          {t('ledgers.download.rankingXlsx')}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={fetched(`${ranking}&format=csv`, 'ranking.csv')}>
          {t('ledgers.download.rankingCsv')}
        </Button>
        <Button
          icon={<DownloadOutlined />}
          onClick={fetched(`${commitments}&format=xlsx`, 'commitments.xlsx')}
        >
          {t('ledgers.download.commitmentsXlsx')}
        </Button>
      </Space>
      {problem && <Alert type="error" title={problem} showIcon />}
    </Space>
  );
}
