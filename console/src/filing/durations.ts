import type { TFunction } from 'i18next';

type DurationSpec = string | { workingDays: number };

const parts = ['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds'] as const;
const isoDuration = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** A deadline's duration as the API states it (PT2H, P7D, or working days), in words: "2 小时", "5 个工作日". */
export function durationWords(spec: DurationSpec, t: TFunction): string {
  if (typeof spec !== 'string') return t('filing.duration.workingDays', { count: spec.workingDays });
  const match = isoDuration.exec(spec);
  if (!match) return spec;
  return parts
    .flatMap((part, i) =>
      match[i + 1] ? [t(`filing.duration.${part}`, { count: Number(match[i + 1]) })] : [],
    )
    .join(' ');
}
