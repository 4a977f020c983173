// 统计 the reporting rhythm's figures (季度调度, 半年通报, 年终考评) for a period and a jurisdiction of the user's:
// the totals, households by child jurisdiction, poverty causes, measures by department and status, and tasks
// closed on time by kind, each as a chart; the table of places below; and the same as the server's Excel report.
// The period and place live in the URL.

import { Alert, Card, Col, Empty, Form, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { MEASURE_STATUS_LABELS, POVERTY_CAUSE_LABELS, type PovertyCause } from '@libs/domain';
import { currentQuarter, periodOptions } from '../ledgers/period';
import { ReportFilters } from '../shared/report-filters';
import { useUrlFilters } from '../shared/url-filters';
import { horizontalBars, valueLabel } from '../supervision/bar-charts';
import { type ChartOption, EChart } from '../supervision/echart';
import { type PlaceFigures, type Statistics, useExportStatistics, useStatistics } from './statistics-api';

/** The states a household is counted in, as the API names them. */
const STATES = [
  { key: 'enrolled', label: '申请受理', color: '#8c8c8c' },
  { key: 'recognised', label: '认定纳入', color: '#1677ff' },
  { key: 'inSupport', label: '期末在帮扶', color: '#52c41a' },
  { key: 'exited', label: '退出', color: '#faad14' },
  { key: 'relapsed', label: '返贫纳入', color: '#cf1322' },
] as const;

// One line, scrolled on a phone: five entries wrapped onto a second line would cover the first bars.
const legend = { top: 0, type: 'scroll' as const };

function placesChart(places: PlaceFigures[]): ChartOption {
  return horizontalBars(
    places.map((place) => place.name),
    STATES.map((state) => ({
      name: state.label,
      type: 'bar',
      color: state.color,
      data: places.map((place) => place[state.key].households),
      label: valueLabel('right'),
    })),
    { legend },
  );
}

function causesChart(causes: Statistics['causes']): ChartOption {
  return horizontalBars(
    causes.map((row) => POVERTY_CAUSE_LABELS[row.cause as PovertyCause] ?? row.cause),
    [
      {
        name: '户数',
        type: 'bar',
        color: '#52c41a',
        data: causes.map((row) => row.households),
        label: valueLabel('right'),
      },
    ],
  );
}

/** One bar per department, stacked by the measures' status. */
function measuresChart(measures: Statistics['measures']): ChartOption {
  const departments = [...new Set(measures.map((row) => row.departmentLabel))];
  const statuses = [...new Set(measures.map((row) => row.status))];
  return horizontalBars(
    departments,
    statuses.map((status) => ({
      name: MEASURE_STATUS_LABELS[status] ?? status,
      type: 'bar',
      stack: 'status',
      data: departments.map(
        (department) =>
          measures.find((row) => row.departmentLabel === department && row.status === status)?.measures ?? 0,
      ),
      label: { show: true, formatter: ({ value }: { value: unknown }) => (value ? String(value) : '') },
    })),
    { legend },
  );
}

function slaChart(sla: Statistics['sla']): ChartOption {
  const kinds = sla.filter((row) => row.kind !== 'all');
  return {
    ...horizontalBars(
      kinds.map((row) => row.label),
      [
        {
          name: '按时办结率',
          type: 'bar',
          color: '#1677ff',
          data: kinds.map((row) => row.rate ?? 0),
          label: valueLabel('right', '%'),
        },
      ],
    ),
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
  };
}

/** A chart in its card, titled; an empty card when there is nothing to draw. */
function ChartCard({ title, rows, option }: { title: string; rows: number; option: ChartOption }) {
  return (
    <Card title={title} size="small" style={{ height: '100%' }}>
      {rows === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="该期间没有数据" />
      ) : (
        <EChart label={title} height={Math.max(160, 48 + rows * 36)} option={option} />
      )}
    </Card>
  );
}

const count = (state: (typeof STATES)[number]) => ({
  title: state.label,
  key: state.key,
  children: [
    {
      title: '户',
      key: `${state.key}-households`,
      render: (_: unknown, p: PlaceFigures) => p[state.key].households,
    },
    { title: '人', key: `${state.key}-people`, render: (_: unknown, p: PlaceFigures) => p[state.key].people },
  ],
});

export function StatisticsPage() {
  const [params, update] = useUrlFilters();
  const period = params.get('period') ?? currentQuarter();
  const jurisdictionId = params.get('place') ?? undefined;
  const query = { period, ...(jurisdictionId ? { jurisdictionId } : {}) };
  const figures = useStatistics(query);
  const exporting = useExportStatistics();
  const data = figures.data;
  const slaTotal = data?.sla.find((row) => row.kind === 'all');
  // Drawn again only when the figures change (a new object would redraw every chart on each render).
  const charts = useMemo(
    () =>
      data && {
        places: placesChart(data.places),
        causes: causesChart(data.causes),
        measures: measuresChart(data.measures),
        sla: slaChart(data.sla),
      },
    [data],
  );

  return (
    <Card title="统计">
      <ReportFilters
        id="statistics"
        place={jurisdictionId}
        onPlace={(place) => update({ place })}
        exporting={exporting}
        onExport={() => exporting.mutate(query)}
        exportLabel="导出 Excel"
        note={
          data && (
            <Typography.Text type="secondary">
              {data.jurisdiction.name}，{data.period.from} 至 {data.period.to}
            </Typography.Text>
          )
        }
      >
        <Col xs={24} sm={12} lg={6}>
          <Form.Item label="统计期间" htmlFor="statistics-period">
            <Select
              id="statistics-period"
              value={period}
              onChange={(value) => update({ period: value })}
              options={periodOptions()}
            />
          </Form.Item>
        </Col>
      </ReportFilters>
      {figures.error && <Alert type="error" showIcon message={`统计加载失败：${figures.error.message}`} />}
      {data && charts && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Row gutter={[16, 16]}>
            {STATES.map((state) => (
              <Col key={state.key} xs={12} sm={8} lg={4}>
                <Statistic
                  title={`${state.label}（户）`}
                  value={data.total[state.key].households}
                  suffix={
                    <Typography.Text type="secondary">{`${data.total[state.key].people} 人`}</Typography.Text>
                  }
                />
              </Col>
            ))}
            <Col xs={12} sm={8} lg={4}>
              <Statistic
                title="按时办结率"
                value={slaTotal?.rate ?? '—'}
                suffix={slaTotal?.rate === null ? '' : '%'}
              />
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <ChartCard title="各辖区户数" rows={data.places.length} option={charts.places} />
            </Col>
            <Col xs={24} lg={12}>
              <ChartCard title="致贫原因（期末在帮扶户）" rows={data.causes.length} option={charts.causes} />
            </Col>
            <Col xs={24} lg={12}>
              <ChartCard
                title="帮扶措施（按部门和状态）"
                rows={new Set(data.measures.map((row) => row.department)).size}
                option={charts.measures}
              />
            </Col>
            <Col xs={24} lg={12}>
              <ChartCard title="按时办结率（按任务类型）" rows={data.sla.length - 1} option={charts.sla} />
            </Col>
          </Row>
          <Table<PlaceFigures>
            size="small"
            bordered
            rowKey="id"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={[...data.places, data.total]}
            columns={[{ title: '辖区', dataIndex: 'name', key: 'name', fixed: 'left' }, ...STATES.map(count)]}
          />
        </Space>
      )}
    </Card>
  );
}
