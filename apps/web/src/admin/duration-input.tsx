// An ISO 8601 duration entered as an amount and a Chinese unit (公示期 7 天). A duration mixing months and
// days, which no single unit shows, is edited as written (P1M15D).

import { Input, InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import { DURATION_UNITS, type DurationUnit, durationParts, isoDuration } from './durations';

interface Props {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  /** The units offered; the value's own unit is always among them. */
  units?: readonly DurationUnit[];
}

export function DurationInput({ id, value, onChange, units = ['Y', 'M', 'D'] }: Props) {
  const parts = value ? durationParts(value) : undefined;
  const [unit, setUnit] = useState<DurationUnit>(parts?.unit ?? 'D');
  const [mixed] = useState(value !== undefined && parts === undefined);
  if (mixed) {
    return <Input id={id} value={value} onChange={(e) => onChange?.(e.target.value.trim().toUpperCase())} />;
  }
  const shownUnit = parts?.unit ?? unit;
  const offered = DURATION_UNITS.filter((u) => units.includes(u.unit) || u.unit === shownUnit);
  return (
    <Space.Compact>
      <InputNumber
        id={id}
        min={1}
        max={9999}
        precision={0}
        style={{ width: 110 }}
        value={parts?.amount ?? null}
        onChange={(amount) =>
          onChange?.(typeof amount === 'number' ? isoDuration({ amount, unit: shownUnit }) : undefined)
        }
      />
      <Select
        aria-label="单位"
        style={{ width: 90 }}
        value={shownUnit}
        options={offered.map((u) => ({ value: u.unit, label: u.label }))}
        onChange={(next: DurationUnit) => {
          setUnit(next);
          if (parts) onChange?.(isoDuration({ amount: parts.amount, unit: next }));
        }}
      />
    </Space.Compact>
  );
}
