// 异常报表 one anomaly report (优亲厚友, 虚报冒领, 不作为, 决定后改动): the findings in the jurisdiction with
// their evidence, each linked to the case's full history; a signal (线索) is marked apart from a finding;
// filtered by place, period and kind, exported as CSV. 不作为 adds the overdue counts by worker and place.

import { Col, Descriptions, Form, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import {
  ANOMALY_KIND_LABELS,
  ANOMALY_KINDS,
  ANOMALY_REPORT_LABELS,
  OVERDUE_WORKING_DAYS,
} from '@libs/domain/anomalies';
import { pageQuery, useKeysetPages } from '../shared/keyset-pager';
import { KeysetTable } from '../shared/keyset-table';
import { DayRangeFilter, ReportFilters } from '../shared/report-filters';
import { twoLineTime } from '../shared/two-line-time';
import { urlFilterValues, useUrlFilters } from '../shared/url-filters';
import { PAGE_SIZE } from './inspection-api';
import { householdColumn, StaffCell } from './record-cells';
import {
  type AnomalyQuery,
  type AnomalyRecord,
  type AnomalyReportName,
  useAnomalies,
  useExportAnomalies,
  useInactionSummary,
} from './anomalies-api';

const columns = [
  { title: '发生时间', dataIndex: 'at', key: 'at', render: twoLineTime, width: 104 },
  householdColumn(160),
  {
    title: '类型',
    key: 'kind',
    width: 170,
    render: (_: unknown, r: AnomalyRecord) => (
      <Space direction="vertical" size={4}>
        {r.signal ? <Tag color="orange">线索（待核实）</Tag> : <Tag color="red">问题</Tag>}
        <span>{r.kindLabel}</span>
      </Space>
    ),
  },
  {
    title: '相关工作人员',
    key: 'worker',
    width: 140,
    render: (_: unknown, r: AnomalyRecord) =>
      r.worker ? <StaffCell staff={r.worker} /> : <Typography.Text type="secondary">（无）</Typography.Text>,
  },
  { title: '情况', dataIndex: 'summary', key: 'summary' },
];

/** The evidence as the server recorded it (masked), for the inspector who wants every field. */
const evidence = (r: AnomalyRecord) => (
  <Descriptions size="small" column={1} bordered>
    {Object.entries(r.evidence).map(([key, value]) => (
      <Descriptions.Item key={key} label={key}>
        <Typography.Text code style={{ whiteSpace: 'pre-wrap' }}>
          {typeof value === 'string' ? value : JSON.stringify(value, null, 1)}
        </Typography.Text>
      </Descriptions.Item>
    ))}
  </Descriptions>
);

const FILTERS = ['jurisdictionId', 'from', 'to', 'kind', 'overdueWorkingDays'] as const;

export function AnomalyReport({ report }: { report: AnomalyReportName }) {
  const [params, update] = useUrlFilters();
  const text = urlFilterValues(params, FILTERS);
  const filters = {
    ...text,
    kind: text.kind as AnomalyQuery['kind'],
    overdueWorkingDays:
      report === 'inaction' && text.overdueWorkingDays ? Number(text.overdueWorkingDays) : undefined,
  };
  const pages = useKeysetPages(JSON.stringify(filters));
  const findings = useAnomalies(report, pageQuery(filters, pages, PAGE_SIZE));
  const label = ANOMALY_REPORT_LABELS[report];
  const exporting = useExportAnomalies(report, label);
  const id = `anomaly-${report}`;

  return (
    <>
      <ReportFilters
        id={id}
        place={filters.jurisdictionId}
        onPlace={(jurisdictionId) => update({ jurisdictionId })}
        exporting={exporting}
        onExport={() => exporting.mutate(filters)}
      >
        <DayRangeFilter
          id={`${id}-range`}
          label="发生日期"
          from={filters.from}
          to={filters.to}
          onChange={update}
        />
        <Col xs={24} sm={12} lg={5}>
          <Form.Item label="类型" htmlFor={`${id}-kind`}>
            <Select
              id={`${id}-kind`}
              allowClear
              placeholder="全部"
              value={filters.kind}
              onChange={(kind?: string) => update({ kind })}
              options={ANOMALY_KINDS[report].map((kind) => ({
                value: kind,
                label: ANOMALY_KIND_LABELS[kind],
              }))}
            />
          </Form.Item>
        </Col>
        {report === 'inaction' && (
          <Col xs={24} sm={12} lg={4}>
            <Form.Item label="超期工作日 ≥" htmlFor={`${id}-days`}>
              <InputNumber
                id={`${id}-days`}
                min={1}
                max={60}
                style={{ width: '100%' }}
                placeholder={String(OVERDUE_WORKING_DAYS)}
                value={filters.overdueWorkingDays}
                onChange={(days) => update({ overdueWorkingDays: days ? String(days) : undefined })}
              />
            </Form.Item>
          </Col>
        )}
      </ReportFilters>
      {report === 'inaction' && <InactionSummary overdueWorkingDays={filters.overdueWorkingDays} />}
      <KeysetTable<AnomalyRecord>
        query={findings}
        pages={pages}
        columns={columns}
        expandable={{ expandedRowRender: evidence }}
        emptyText={`没有${label}的发现`}
      />
    </>
  );
}

/** 不作为 the overdue tasks counted by worker and by place, side by side above the list. */
function InactionSummary({ overdueWorkingDays }: { overdueWorkingDays: number | undefined }) {
  const summary = useInactionSummary(overdueWorkingDays);
  const small = { size: 'small' as const, pagination: false as const, loading: summary.isFetching };
  return (
    <Space align="start" wrap style={{ marginBottom: 16 }}>
      <Table
        {...small}
        title={() => '超期任务：按经办人'}
        rowKey={(row) => row.worker?.id ?? 'unassigned'}
        dataSource={summary.data?.byWorker ?? []}
        columns={[
          {
            title: '经办人',
            key: 'worker',
            render: (_: unknown, row) => row.worker?.displayName ?? row.worker?.username ?? '（无人认领）',
          },
          { title: '超期任务数', dataIndex: 'overdue', key: 'overdue' },
        ]}
      />
      <Table
        {...small}
        title={() => '超期任务：按辖区'}
        rowKey="jurisdictionId"
        dataSource={summary.data?.byJurisdiction ?? []}
        columns={[
          { title: '辖区', dataIndex: 'jurisdictionName', key: 'jurisdictionName' },
          { title: '超期任务数', dataIndex: 'overdue', key: 'overdue' },
        ]}
      />
    </Space>
  );
}
