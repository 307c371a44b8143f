import { Tag, Timeline, Typography } from 'antd';
import { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** An entry as every timeline of the API gives it: a request's, a commitment's, the auditor's stitched one. */
export interface TimelineLine {
  at: string;
  /** Absent on the auditor's lines that Temporal itself wrote (a run opened, continued, closed) */
  actor?: { id: string; role: string; unit: string };
  action: string;
  note?: string;
  from?: string;
  to?: string;
  level?: string;
  rule?: string;
  about?: string;
}

const pressure = new Set(['reminder', 'escalate_on_breach', 'public_notice']);

/**
 * What happened to a case, oldest first: when, who (person, role, unit), what, why (the note) and
 * which rule (a reminder's or an escalation's policy rule). The system's own steps are marked in
 * words as well as colour. A page adds what its lines carry beyond these with `extra`.
 */
export function CaseTimeline<Line extends TimelineLine>({
  lines,
  extra,
}: {
  lines: Line[];
  extra?: (line: Line) => ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Timeline
      items={lines.map((line) => ({
        color: pressure.has(line.action) ? 'red' : 'blue',
        content: (
          <div>
            <Typography.Text strong>{t(`timeline.action.${line.action}`, line.action)}</Typography.Text>
            {line.about && <Tag style={{ marginInlineStart: 8 }}>{line.about}</Tag>}
            {line.from && line.to && (
              <Typography.Text type="secondary">
                {' '}
                {t(`status.${line.from}`, line.from)} → {t(`status.${line.to}`, line.to)}
              </Typography.Text>
            )}
            <div>
              <Typography.Text type="secondary">
                <time dateTime={line.at}>{new Date(line.at).toLocaleString()}</time>
                {line.actor &&
                  ` · ${line.actor.id} · ${t(`role.${line.actor.role}`, line.actor.role)} · ${line.actor.unit}`}
                {line.level && ` · ${t('timeline.level')} ${line.level}`}
              </Typography.Text>
            </div>
            {line.note && <div>{line.note}</div>}
            {line.rule && (
              <div>
                <Typography.Text type="secondary">
                  {t('timeline.rule')}: {line.rule}
                </Typography.Text>
              </div>
            )}
            {extra?.(line)}
          </div>
        ),
      }))}
    />
  );
}
