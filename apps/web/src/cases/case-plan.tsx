// 帮扶计划 1+N: the 1 (兜底保障) and the N (行业帮扶) of the plan, and each measure's department and state.

import { Card, Descriptions, Table, Tag, Typography } from 'antd';
import {
  DEPARTMENT_LABELS,
  SAFETY_NET_LABELS,
  SECTOR_MEASURE_LABELS,
  type Department,
  type SafetyNetType,
  type SectorMeasureKind,
  MEASURE_STATUS_LABELS,
} from '@libs/domain';
import type { CaseDetail } from './case-api';
import { formatTime } from './format';

interface Plan {
  safetyNet?: { type: SafetyNetType; department: Department; note?: string }[];
  sectorMeasures?: { sector: SectorMeasureKind; department: Department; description: string }[];
  gradualExitMonths?: number;
}

/** Still with its department (转办, 受理, 落实) is in progress; 完成 success, 未受理 a warning, 撤销 grey. */
const MEASURE_STATUS_COLORS: Record<string, string> = {
  done: 'success',
  declined: 'warning',
  cancelled: 'default',
};

const departmentName = (code: string) => DEPARTMENT_LABELS[code as Department] ?? code;

export function CasePlan({ plan, measures }: { plan: CaseDetail['plan']; measures: CaseDetail['measures'] }) {
  if (!plan && measures.length === 0) {
    return (
      <Card title="帮扶计划">
        <Typography.Text type="secondary">尚未制定帮扶计划（认定后由县中心制定）</Typography.Text>
      </Card>
    );
  }
  const p = (plan ?? {}) as Plan;
  return (
    <Card title="帮扶计划（1+N）">
      <Descriptions size="small" column={1}>
        <Descriptions.Item label="兜底保障">
          {p.safetyNet?.length
            ? p.safetyNet.map((item) => <Tag key={item.type}>{SAFETY_NET_LABELS[item.type]}</Tag>)
            : '无'}
        </Descriptions.Item>
        <Descriptions.Item label="行业帮扶">
          {p.sectorMeasures?.length
            ? p.sectorMeasures.map((item) => (
                <Tag key={item.sector}>{SECTOR_MEASURE_LABELS[item.sector]}</Tag>
              ))
            : '无'}
        </Descriptions.Item>
        {p.gradualExitMonths ? (
          <Descriptions.Item label="渐退期">{p.gradualExitMonths} 个月</Descriptions.Item>
        ) : null}
      </Descriptions>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={measures}
        locale={{ emptyText: '措施尚未转办' }}
        columns={[
          { title: '措施', dataIndex: 'label' },
          { title: '承办部门', dataIndex: 'department', render: departmentName },
          {
            title: '状态',
            dataIndex: 'status',
            render: (status: string) => (
              <Tag color={MEASURE_STATUS_COLORS[status] ?? 'processing'}>
                {MEASURE_STATUS_LABELS[status] ?? status}
              </Tag>
            ),
          },
          { title: '更新时间', dataIndex: 'updatedAt', render: formatTime },
        ]}
      />
    </Card>
  );
}
