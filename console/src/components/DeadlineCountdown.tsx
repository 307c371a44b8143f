import { Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

function spoken(ms: number, t: TFunction): string {
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days) return t('deadline.daysHours', { days, hours });
  if (hours) return t('deadline.hoursMinutes', { hours, minutes: minutes % 60 });
  if (minutes) return t('deadline.minutes', { minutes });
  return t('deadline.seconds', { seconds: Math.max(0, Math.floor(ms / 1000)) });
}

/**
 * A live countdown to a deadline: "2 天 3 小时后到期", or "已超期 5 分钟" once it has passed. Overdue
 * is said in words and marked with a tag, never by colour alone.
 */
export function DeadlineCountdown({ dueAt }: { dueAt: string }) {
  const { t } = useTranslation();
  const now = useNow(1_000);
  const left = new Date(dueAt).getTime() - now;
  const at = <time dateTime={dueAt}>{new Date(dueAt).toLocaleString()}</time>;
  if (left < 0)
    return (
      <span>
        <Tag color="red">{t('deadline.overdue')}</Tag>
        {t('deadline.overdueBy', { by: spoken(-left, t) })} ({at})
      </span>
    );
  return (
    <span>
      {t('deadline.dueIn', { in: spoken(left, t) })}{' '}
      <Typography.Text type="secondary">({at})</Typography.Text>
    </span>
  );
}
