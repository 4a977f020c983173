// 比对命中 the data check's hits as the workflow hands them to a later step (复核, 入户调查, 审核, 认定).

import { List, Tag, Typography } from 'antd';
import { DATA_CHECK_HIT_LABELS, DEPARTMENT_LABELS, type DataCheckHit, type Department } from '@libs/domain';

export function HitsList({ hits, title }: { hits: DataCheckHit[]; title: string }) {
  if (hits.length === 0) return null;
  return (
    <List
      size="small"
      bordered
      header={<Typography.Text strong>{title}</Typography.Text>}
      dataSource={hits}
      style={{ marginBottom: 16 }}
      renderItem={(hit) => (
        <List.Item>
          <span>
            <Tag color={hit.overridden ? 'default' : 'red'}>{DATA_CHECK_HIT_LABELS[hit.category]}</Tag>
            {DEPARTMENT_LABELS[hit.department as Department] ?? hit.department}：{hit.detail || '（无详情）'}
            {hit.overridden && (
              <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                已由 {hit.overridden.by} 核实排除：{hit.overridden.reason}
              </Typography.Text>
            )}
          </span>
        </List.Item>
      )}
    />
  );
}

/** The hits in a task's payload, where the step has them. */
export function payloadHits(payload: Record<string, unknown> | null): DataCheckHit[] {
  return ((payload?.hits as DataCheckHit[] | undefined) ?? []).filter(Boolean);
}
