import { Alert, Card, Spin, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { $api } from '../api/client';
import type { components } from '../api/schema';
import { bilingual } from '../i18n';
import { useDebounced } from './useDebounced';

type Search = components['schemas']['DuplicateSearch'];
type Candidate = components['schemas']['DuplicateCandidates']['candidates'][number];

/**
 * The open requests the filing may repeat, as POST /requests/duplicates finds them for what has
 * been typed so far; the operator reads them before filing, and may file all the same. A caller the
 * API shows no candidates (a resident: 403) sees nothing here.
 */
export function DuplicateCandidates({ search }: { search?: Search }) {
  const { t, i18n } = useTranslation();
  const asked = useDebounced(search, 500);
  // Asked again while the form is open: during an outage other operators file the same matter as calls come in.
  const found = $api.useQuery(
    'post',
    '/api/v1/requests/duplicates',
    { body: asked! },
    { enabled: !!asked, refetchInterval: 10_000 },
  );
  if (!asked || found.error?.status === 403) return null;
  const candidates = found.data?.candidates ?? [];
  return (
    <Card title={t('filing.duplicates.title')} size="small" style={{ marginBottom: 24 }}>
      <section aria-label={t('filing.duplicates.title')} aria-live="polite">
        {found.error && <Alert type="warning" showIcon title={found.error.detail} />}
        {candidates.length > 0 && (
          <Alert type="info" showIcon title={t('filing.duplicates.hint')} style={{ marginBottom: 12 }} />
        )}
        {found.isLoading && <Spin />}
        {found.isSuccess && !candidates.length && (
          <Typography.Paragraph>{t('filing.duplicates.none')}</Typography.Paragraph>
        )}
        {candidates.length > 0 && (
          <Table<Candidate>
            rowKey="id"
            size="small"
            dataSource={candidates}
            pagination={false}
            columns={[
              { title: t('filing.title'), dataIndex: 'title' },
              {
                title: t('filing.duplicates.status'),
                dataIndex: 'statusLabel',
                render: (label: Candidate['statusLabel']) => bilingual(label, i18n.language),
              },
              {
                title: t('filing.where.grid'),
                dataIndex: 'gridId',
                render: (gridId: string, candidate) => (
                  <>
                    {gridId}{' '}
                    <Tag>
                      {t(candidate.sameGrid ? 'filing.duplicates.sameGrid' : 'filing.duplicates.nearbyGrid')}
                    </Tag>
                  </>
                ),
              },
              {
                title: t('filing.duplicates.filedAt'),
                dataIndex: 'submittedAt',
                render: (at: string) => new Date(at).toLocaleString(),
              },
              {
                title: t('filing.duplicates.score'),
                dataIndex: 'score',
                render: (score: number) => `${Math.round(score * 100)}%`,
              },
            ]}
          />
        )}
      </section>
    </Card>
  );
}
