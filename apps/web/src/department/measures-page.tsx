// 帮扶措施 the measures the centre transferred to the officer's department: to accept (转办受理), then to carry
// out and report (落实). Each is handled on its task page.

import { Card, Tabs } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DepartmentTaskTable } from './department-task-table';
import type { DepartmentTask } from './department-tasks';

const MEASURE_COLUMNS: ColumnsType<DepartmentTask> = [
  {
    title: '帮扶措施',
    key: 'measure',
    render: (_, task) => {
      const { label, item } = (task.payload ?? {}) as {
        label?: string;
        item?: { description?: string; note?: string };
      };
      const detail = item?.description ?? item?.note;
      return detail ? `${label ?? ''}：${detail}` : (label ?? '—');
    },
  },
];

export function MeasuresPage() {
  return (
    <Card title="帮扶措施">
      <Tabs
        items={[
          {
            key: 'accept',
            label: '待受理',
            children: (
              <DepartmentTaskTable
                kind="measureAcceptance"
                caption="待受理的帮扶措施"
                action="受理"
                columns={MEASURE_COLUMNS}
              />
            ),
          },
          {
            key: 'implement',
            label: '待落实',
            children: (
              <DepartmentTaskTable
                kind="measureImplementation"
                caption="待落实的帮扶措施"
                action="报告落实情况"
                columns={MEASURE_COLUMNS}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
