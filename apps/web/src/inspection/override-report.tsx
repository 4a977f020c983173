// 比对命中排除 the override report: every disqualifying data-check hit a worker set aside in the
// jurisdiction, with who, when and why, each linked to the case's full history; exported as CSV.

import { Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useKeysetPages } from '../shared/keyset-pager';
import { KeysetTable } from '../shared/keyset-table';
import { DayRangeFilter, ReportFilters } from '../shared/report-filters';
import { useUrlFilters } from '../shared/url-filters';
import {
  PAGE_SIZE,
  useExportOverrides,
  useOverrides,
  type OverrideQuery,
  type OverrideRecord,
} from './inspection-api';
import { twoLineTime } from '../shared/two-line-time';

const columns = [
  { title: '排除时间', dataIndex: 'flaggedAt', key: 'flaggedAt', render: twoLineTime, width: 104 },
  {
    title: '户主 / 村(社区)',
    key: 'case',
    width: 150,
    render: (_: unknown, r: OverrideRecord) => (
      <Space direction="vertical" size={0}>
        <Link to={`/inspection/cases/${r.caseId}`}>{r.householdHead ?? '（无户主）'}</Link>
        <Typography.Text type="secondary">{r.householdHeadIdNumber}</Typography.Text>
        <Typography.Text type="secondary">{`${r.townshipName ?? ''} ${r.villageName}`}</Typography.Text>
        <Link to={`/inspection/cases/${r.caseId}`}>全程留痕</Link>
      </Space>
    ),
  },
  {
    title: '被排除的比对命中',
    key: 'hits',
    render: (_: unknown, r: OverrideRecord) => (
      <Typography.Text type="danger">{r.summary || '（未记录命中）'}</Typography.Text>
    ),
  },
  {
    title: '排除人',
    key: 'actor',
    width: 140,
    render: (_: unknown, r: OverrideRecord) => (
      <Space direction="vertical" size={0}>
        <span>{r.actor.displayName ?? r.actor.username}</span>
        <Typography.Text type="secondary">
          {r.actor.username} · {r.actor.roleLabel}
        </Typography.Text>
      </Space>
    ),
  },
  {
    title: '排除理由',
    dataIndex: 'reason',
    key: 'reason',
    render: (reason: string) => reason,
  },
];

export function OverrideReport() {
  const [params, update] = useUrlFilters();
  const filters: OverrideQuery = Object.fromEntries(
    (['jurisdictionId', 'from', 'to'] as const).flatMap((name) => {
      const value = params.get(name);
      return value ? [[name, value]] : [];
    }),
  );
  const pages = useKeysetPages(JSON.stringify(filters));
  const report = useOverrides({
    ...filters,
    limit: PAGE_SIZE,
    ...(pages.cursor ? { cursor: pages.cursor } : {}),
  });
  const exporting = useExportOverrides();

  return (
    <>
      <ReportFilters
        id="override"
        place={filters.jurisdictionId}
        onPlace={(jurisdictionId) => update({ jurisdictionId })}
        exporting={exporting}
        onExport={() => exporting.mutate(filters)}
      >
        <DayRangeFilter
          id="override-range"
          label="排除日期"
          from={filters.from}
          to={filters.to}
          onChange={update}
        />
      </ReportFilters>
      <KeysetTable<OverrideRecord>
        query={report}
        pages={pages}
        columns={columns}
        emptyText="没有比对命中排除记录"
      />
    </>
  );
}
