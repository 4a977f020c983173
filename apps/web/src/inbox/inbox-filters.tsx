// The 工作台's filter bar: task kind, stage, village, 只看紧急 and the sort, as the tab allows them.

import { Button, Checkbox, Select, Space, type RefSelectProps } from 'antd';
import type { Ref } from 'react';
import { CASE_STAGES, FINAL_STAGES, STAGE_LABELS, TASK_STEPS, type Role } from '@libs/domain';
import { useVillages } from './inbox-queries';
import { filtered, INBOX_SORTS, NO_FILTERS, SORT_LABELS, type InboxView } from './inbox-view';

interface InboxFiltersProps {
  view: InboxView;
  role: Role;
  onChange: (change: Partial<InboxView>) => void;
  /** The first filter, which `/` focuses. */
  firstRef: Ref<RefSelectProps>;
  phone: boolean;
}

export function InboxFilters({ view, role, onChange, firstRef, phone }: InboxFiltersProps) {
  const villages = useVillages();
  const cases = view.tab === 'initiated';
  const openTasks = !cases && view.tab !== 'done';
  // A role's own steps; the overseeing roles (督办, 巡查, 管理) handle none and see every role's tasks.
  const ownSteps = TASK_STEPS.filter((s) => s.candidateRole === role);
  const steps = ownSteps.length > 0 ? ownSteps : TASK_STEPS;
  // Open tasks are in a stage still running; a case may have reached any.
  const stages = cases ? CASE_STAGES : CASE_STAGES.filter((s) => !FINAL_STAGES.includes(s));
  // Two selects side by side on a phone's 390 px.
  const width = phone ? 160 : 170;

  return (
    <Space wrap style={{ width: '100%' }}>
      {!cases && (
        <Select
          ref={firstRef}
          aria-label="任务类型"
          placeholder="全部任务类型"
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ width }}
          value={view.kind}
          onChange={(kind) => onChange({ kind })}
          options={steps.map((s) => ({ value: s.kind, label: s.label }))}
        />
      )}
      <Select
        ref={cases ? firstRef : undefined}
        aria-label="阶段"
        placeholder="全部阶段"
        allowClear
        style={{ width }}
        value={view.stage}
        onChange={(stage) => onChange({ stage })}
        options={stages.map((s) => ({ value: s, label: STAGE_LABELS[s] }))}
      />
      {(villages.data?.length ?? 0) > 1 && (
        <Select
          aria-label="村(社区)"
          placeholder="全部村(社区)"
          allowClear
          showSearch
          optionFilterProp="label"
          style={{ width: phone ? 160 : 200 }}
          value={view.villageId}
          onChange={(villageId) => onChange({ villageId })}
          options={villages.data}
        />
      )}
      {view.tab !== 'urgent' && (
        <Checkbox checked={view.urgent ?? false} onChange={(e) => onChange({ urgent: e.target.checked })}>
          只看紧急
        </Checkbox>
      )}
      {openTasks && (
        <Select
          aria-label="排序"
          style={{ width: 130 }}
          value={view.sort}
          onChange={(sort) => onChange({ sort })}
          options={INBOX_SORTS.map((s) => ({ value: s, label: SORT_LABELS[s] }))}
        />
      )}
      {filtered(view) && (
        <Button type="link" onClick={() => onChange(NO_FILTERS)}>
          清除筛选
        </Button>
      )}
    </Space>
  );
}
