import { InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A deadline length as the API takes it: {"workingDays": n}, or an ISO duration (P10D, PT4H). */
export type DurationSpec = string | { workingDays: number };
type Unit = 'workingDays' | 'days' | 'hours';

function read(value: DurationSpec | undefined): { amount?: number; unit?: Unit } {
  if (value === undefined) return {};
  if (typeof value === 'object') return { amount: value.workingDays, unit: 'workingDays' };
  const days = /^P(\d+)D$/.exec(value);
  if (days) return { amount: Number(days[1]), unit: 'days' };
  const hours = /^PT(\d+)H$/.exec(value);
  return hours ? { amount: Number(hours[1]), unit: 'hours' } : {};
}

function write(amount: number, unit: Unit): DurationSpec {
  if (unit === 'workingDays') return { workingDays: amount };
  return unit === 'days' ? `P${amount}D` : `PT${amount}H`;
}

/**
 * An amount and its unit, as one form field (so the API's error on `deadline` shows beside it); the
 * form's id and error description go to the amount, which the field's label names.
 */
export function DurationInput({
  value,
  onChange,
  ...described
}: {
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  value?: DurationSpec;
  onChange?(value: DurationSpec | undefined): void;
}) {
  const { t } = useTranslation();
  const shown = read(value);
  const [unit, setUnit] = useState<Unit>(shown.unit ?? 'workingDays');
  const emit = (amount: number | null | undefined, next: Unit) =>
    onChange?.(amount ? write(amount, next) : undefined);
  return (
    <Space.Compact>
      <InputNumber
        {...described}
        min={1}
        precision={0}
        value={shown.amount}
        onChange={(n) => emit(n, unit)}
      />
      <Select<Unit>
        aria-label={t('committee.deadlineUnit')}
        value={unit}
        style={{ width: 120 }}
        onChange={(next) => {
          setUnit(next);
          emit(shown.amount, next);
        }}
        options={(['workingDays', 'days', 'hours'] as const).map((u) => ({
          value: u,
          label: t(`committee.units.${u}`),
        }))}
      />
    </Space.Compact>
  );
}
