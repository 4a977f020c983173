// What a decision rested on, as the history records it: the form's values (masked by the server), the
// attachments it cites, and for an override the hits it set aside. Field names read in Chinese where known.

import { Descriptions, Grid, Typography } from 'antd';
import {
  DATA_CHECK_HIT_LABELS,
  DEPARTMENT_LABELS,
  POVERTY_CAUSE_LABELS,
  WELLBEING_INDICATOR_LABELS,
} from '@libs/domain';

const FIELD_LABELS: Record<string, string> = {
  surveyedOn: '调查日期',
  incomes: '家庭成员收入',
  indicators: '两不愁三保障',
  povertyCauses: '致贫原因',
  notes: '调查情况说明',
  heldOn: '会议日期',
  attendees: '出席人数',
  votesFor: '同意票',
  votesAgainst: '反对票',
  minutes: '会议记录',
  startsOn: '公示开始日期',
  place: '公示地点',
  opinion: '审核意见',
  comment: '意见',
  hits: '比对命中',
  safetyNet: '兜底保障',
  sectorMeasures: '帮扶措施',
  implementedOn: '落实日期',
  report: '落实情况',
  result: '结果',
  note: '备注',
  outcome: '核查结论',
  findings: '调查核实情况',
  idNumber: '身份证号',
  name: '姓名',
  wages: '工资性收入',
  business: '经营净收入',
  property: '财产净收入',
  transfer: '转移净收入',
  category: '类别',
  department: '部门',
  detail: '情况',
  description: '措施内容',
  monthlyAmount: '每月金额',
  type: '类型',
  sector: '帮扶类别',
  covers: '保障范围',
  dataConsent: '授权承诺书',
  signed: '已签署',
  signedAt: '签署日期',
  overridden: '已核实排除',
  flaggedForInspection: '已报纪检监察',
  disqualifyingHits: '反向标准命中',
  status: '状态',
  decision: '决定',
  stage: '阶段',
  caseStage: '办理后阶段',
};

const VALUE_LABELS: Record<string, string> = {
  ...(DEPARTMENT_LABELS as Record<string, string>),
  ...(DATA_CHECK_HIT_LABELS as Record<string, string>),
  ...(POVERTY_CAUSE_LABELS as Record<string, string>),
};

const fieldLabel = (key: string): string =>
  FIELD_LABELS[key] ?? (WELLBEING_INDICATOR_LABELS as Record<string, string>)[key] ?? key;

/** A value as text; objects inside lists read as `字段：值，…`. */
function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string') return VALUE_LABELS[value] ?? value;
  if (typeof value !== 'object') return String(value);
  // A list of records (members' incomes, measures) reads one record a line.
  if (Array.isArray(value))
    return value.map(valueText).join(value.some((v) => v && typeof v === 'object') ? '\n' : '；') || '—';
  return Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${fieldLabel(k)}：${valueText(v)}`)
    .join('，');
}

/** `公安局车管所：高档乘用车辆（登记机动车一辆）` for one hit of a data check. */
export function hitText(hit: unknown): string {
  const h = (hit ?? {}) as { department?: string; category?: string; detail?: string };
  const department = h.department ? (VALUE_LABELS[h.department] ?? h.department) : '';
  const category = h.category ? (VALUE_LABELS[h.category] ?? h.category) : '';
  return `${department ? `${department}：` : ''}${category}${h.detail ? `（${h.detail}）` : ''}`;
}

/** A form's fields as a list (what the decider entered); attachment ids become the files' names. */
export function FormValues({
  form,
  attachmentNames,
}: {
  form: Record<string, unknown>;
  attachmentNames: Map<string, string>;
}) {
  // On a phone the labels stand above their values, which keep the screen's whole width.
  const wide = Grid.useBreakpoint().sm ?? true;
  const entries = Object.entries(form).filter(([, value]) => value !== null && value !== undefined);
  if (entries.length === 0) return null;
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      layout={wide ? 'horizontal' : 'vertical'}
      style={{ marginTop: 8 }}
      labelStyle={wide ? { width: 120, whiteSpace: 'nowrap' } : undefined}
      contentStyle={{ whiteSpace: 'pre-line' }}
      items={entries.map(([key, value]) => ({
        key,
        label: key === 'attachmentIds' ? '附件' : fieldLabel(key),
        children:
          key === 'attachmentIds' && Array.isArray(value)
            ? value
                .map((id) => attachmentNames.get(String(id)) ?? `附件 ${String(id).slice(0, 8)}`)
                .join('、')
            : key === 'hits' && Array.isArray(value)
              ? value.map(hitText).join('；') || '无'
              : valueText(value),
      }))}
    />
  );
}

/** Raw JSON of an audit event's before or after, for the audit search's detail row. */
export function JsonView({ label, value }: { label: string; value: unknown }) {
  return (
    <div>
      <Typography.Text strong>{label}：</Typography.Text>
      <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}>
        {JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}
