// 督办 dashboard: what is overdue or due soon in the user's jurisdiction — totals and escalation levels, by
// subordinate jurisdiction (click a bar or a name to drill into a township or village, the breadcrumb goes
// back up), by task kind, by how long past due, and per day — then the overdue tasks themselves with the
// supervisor's actions, and the jurisdiction's incidents.

import { Breadcrumb, Card, Col, Empty, Grid, Row, Statistic, Tabs, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useMe } from '../auth/use-me';
import { formatTime } from '../cases/format';
import { horizontalBars, valueLabel } from './bar-charts';
import { BreachList } from './breach-list';
import { type ChartClick, type ChartOption, EChart } from './echart';
import { IncidentsPanel } from './incidents-panel';
import { type Summary, TREND_DAYS, useSummary, useTrend } from './supervision-api';

const OVERDUE_COLOR = '#cf1322';
const DUE_SOON_COLOR = '#fa8c16';
const CLOSED_LATE_COLOR = '#1677ff';

interface Place {
  id: string;
  name: string;
}

const legend = { top: 0, data: ['超期', '临期'] };

/** 超期 and 临期 counts side by side, one row per category. */
function countBars(
  categories: string[],
  overdue: number[],
  dueSoon: number[],
  clickable: boolean,
): ChartOption {
  return horizontalBars(
    categories,
    [
      {
        name: '超期',
        type: 'bar',
        data: overdue,
        color: OVERDUE_COLOR,
        label: valueLabel('right'),
      },
      {
        name: '临期',
        type: 'bar',
        data: dueSoon,
        color: DUE_SOON_COLOR,
        label: valueLabel('right'),
      },
    ],
    { legend, clickable },
  );
}

const barsHeight = (rows: number) => Math.max(140, rows * 44 + 48);

function Totals({ summary, phone }: { summary: Summary; phone: boolean }) {
  const stats = [
    { title: '超期', value: summary.totals.overdue, color: OVERDUE_COLOR },
    { title: '临期', value: summary.totals.dueSoon, color: DUE_SOON_COLOR },
    { title: '一级督办', value: summary.escalation.level1 },
    { title: '二级督办', value: summary.escalation.level2 },
    { title: '三级督办', value: summary.escalation.level3 },
  ];
  return (
    <Row gutter={[12, 12]}>
      {stats.map((s) => (
        <Col key={s.title} {...(phone ? { span: 12 } : { flex: '1 1 96px' })}>
          <Card size="small">
            <Statistic title={s.title} value={s.value} valueStyle={{ color: s.color }} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function Charts({ summary, drill }: { summary: Summary; drill: (place: Place) => void }) {
  const trend = useTrend(summary.jurisdiction.id);
  const places = summary.byJurisdiction;
  const kinds = summary.byKind.filter((k) => k.overdue + k.dueSoon > 0);

  const byPlace = useMemo(
    () =>
      countBars(
        places.map((p) => p.name),
        places.map((p) => p.overdue),
        places.map((p) => p.dueSoon),
        true,
      ),
    [places],
  );
  const onPlaceClick = useCallback(
    (event: ChartClick) => {
      const place =
        event.componentType === 'series' && event.dataIndex !== undefined
          ? places[event.dataIndex]
          : places.find((p) => p.name === event.value);
      if (place && !place.ownLevel) drill({ id: place.id, name: place.name });
    },
    [places, drill],
  );
  const byKind = useMemo(
    () =>
      countBars(
        kinds.map((k) => k.kindLabel),
        kinds.map((k) => k.overdue),
        kinds.map((k) => k.dueSoon),
        false,
      ),
    [kinds],
  );
  const byAge = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      // Every bucket named (the card's title says 超期, so the labels need not), none skipped on a phone.
      xAxis: {
        type: 'category',
        data: summary.byOverdueAge.map((a) => a.label.replace(/^超期/, '')),
        axisLabel: { interval: 0 },
      },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: '超期',
          type: 'bar',
          data: summary.byOverdueAge.map((a) => a.overdue),
          color: OVERDUE_COLOR,
          label: valueLabel('top'),
        },
      ],
    }),
    [summary.byOverdueAge],
  );
  const byDay = useMemo<ChartOption>(() => {
    const days = trend.data?.items ?? [];
    return {
      grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0, data: ['新超期', '逾期办结'] },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: days.map((d) => d.date.slice(5)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: '新超期', type: 'bar', data: days.map((d) => d.becameOverdue), color: OVERDUE_COLOR },
        {
          name: '逾期办结',
          type: 'line',
          data: days.map((d) => d.closedLate),
          color: CLOSED_LATE_COLOR,
          showSymbol: false,
        },
      ],
    };
  }, [trend.data]);

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Card
          size="small"
          title="按辖区"
          extra={places.length > 1 && <Typography.Text type="secondary">点击下级辖区查看</Typography.Text>}
        >
          <EChart
            option={byPlace}
            height={barsHeight(places.length)}
            label="按辖区的超期与临期任务"
            onClick={onPlaceClick}
          />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title="按任务类型">
          {kinds.length > 0 ? (
            <EChart option={byKind} height={barsHeight(kinds.length)} label="按任务类型的超期与临期任务" />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有超期或临期的任务" />
          )}
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title="按超期时长">
          <EChart option={byAge} height={220} label="按超期时长的超期任务" />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={`每日新超期（近 ${TREND_DAYS} 天）`}>
          {trend.error ? (
            <Typography.Text type="danger">{trend.error.message}</Typography.Text>
          ) : (
            <EChart option={byDay} height={220} label="每日新超期与逾期办结任务数" />
          )}
        </Card>
      </Col>
    </Row>
  );
}

export function SupervisionPage() {
  const me = useMe().data!;
  const phone = !Grid.useBreakpoint().md;
  // The places drilled into, below the user's own jurisdiction.
  const [trail, setTrail] = useState<Place[]>([]);
  const jurisdictionId = trail.at(-1)?.id;
  const summary = useSummary(jurisdictionId);
  const drill = useCallback((place: Place) => setTrail((t) => [...t, place]), []);
  const showIncidents = me.role === 'supervisor' || me.role === 'admin';

  const crumbs = [{ id: me.jurisdictionId, name: me.jurisdictionName }, ...trail];
  return (
    <Card
      title="督办"
      size={phone ? 'small' : 'default'}
      extra={
        summary.data && (
          <Typography.Text type="secondary">
            统计于 {formatTime(summary.data.asOf)}
            {!phone && `，临期指 ${summary.data.dueSoonHours} 小时内到期`}
          </Typography.Text>
        )
      }
    >
      <Breadcrumb
        style={{ marginBottom: 16 }}
        items={crumbs.map((place, index) => ({
          key: place.id,
          title:
            index < crumbs.length - 1 ? (
              <a
                href="#"
                onClick={(event) => {
                  event.preventDefault();
                  setTrail((t) => t.slice(0, index));
                }}
              >
                {place.name}
              </a>
            ) : (
              place.name
            ),
        }))}
      />
      {summary.error && <Typography.Paragraph type="danger">{summary.error.message}</Typography.Paragraph>}
      {summary.data && (
        <>
          <Totals summary={summary.data} phone={phone} />
          <div style={{ marginTop: 16 }}>
            <Charts summary={summary.data} drill={drill} />
          </div>
          <Tabs
            style={{ marginTop: 16 }}
            items={[
              {
                key: 'breaches',
                label: `超期任务（${summary.data.totals.overdue}）`,
                children: (
                  <BreachList
                    key={jurisdictionId ?? ''}
                    jurisdictionId={jurisdictionId}
                    kinds={summary.data.byKind}
                    role={me.role}
                    phone={phone}
                  />
                ),
              },
              ...(showIncidents
                ? [{ key: 'incidents', label: '流程异常', children: <IncidentsPanel role={me.role} /> }]
                : []),
            ]}
          />
        </>
      )}
    </Card>
  );
}
