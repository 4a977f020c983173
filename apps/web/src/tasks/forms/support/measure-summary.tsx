// 帮扶措施 the measure a department's or the centre's task is about, from the task's payload as the
// support-measure workflow writes it: { label, department, item, implementation? }.

import { Descriptions } from 'antd';
import {
  DEPARTMENT_LABELS,
  INSURANCE_COVER_LABELS,
  type Department,
  type InsuranceCover,
} from '@libs/domain';
import type { MeasureImplementationForm, SafetyNetItem, SectorMeasureItem } from '@libs/contracts/forms';

interface MeasurePayload {
  label?: string;
  department?: Department;
  item?: Partial<SafetyNetItem & SectorMeasureItem>;
  implementation?: Partial<MeasureImplementationForm>;
}

export function MeasureSummary({ payload }: { payload: unknown }) {
  const { label, department, item, implementation } = (payload ?? {}) as MeasurePayload;
  const items = [
    { key: 'label', label: '帮扶措施', children: label ?? '—' },
    { key: 'department', label: '落实部门', children: department ? DEPARTMENT_LABELS[department] : '—' },
    item?.description && { key: 'description', label: '措施内容', children: item.description },
    item?.covers?.length && {
      key: 'covers',
      label: '保障类型',
      children: item.covers.map((c: InsuranceCover) => INSURANCE_COVER_LABELS[c]).join('、'),
    },
    item?.monthlyAmount !== undefined && {
      key: 'monthly',
      label: '每月金额',
      children: `${item.monthlyAmount} 元`,
    },
    item?.note && { key: 'note', label: '说明', children: item.note },
    implementation?.implementedOn && {
      key: 'implementedOn',
      label: '落实日期',
      children: implementation.implementedOn,
    },
    implementation?.amount !== undefined && {
      key: 'amount',
      label: '落实金额',
      children: `${implementation.amount} 元`,
    },
    implementation?.report && { key: 'report', label: '落实情况', children: implementation.report },
  ].filter((entry) => !!entry);
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      style={{ marginBottom: 24 }}
      items={items as { key: string; label: string; children: string }[]}
    />
  );
}
