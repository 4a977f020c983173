// 比对命中排除 the override report: every disqualifying data-check hit a worker set aside in the
// jurisdiction, with who, when and why, each linked to the case's full history; exported as CSV.

import { Typography } from 'antd';
import { pageQuery, useKeysetPages } from '../shared/keyset-pager';
import { KeysetTable } from '../shared/keyset-table';
import { DayRangeFilter, ReportFilters } from '../shared/report-filters';
import { urlFilterValues, useUrlFilters } from '../shared/url-filters';
import {
  PAGE_SIZE,
  useExportOverrides,
  useOverrides,
  type OverrideQuery,
  type OverrideRecord,
} from './inspection-api';
import { twoLineTime } from '../shared/two-line-time';
import { householdColumn, StaffCell } from './record-cells';

const columns = [
  { title: '排除时间', dataIndex: 'flaggedAt', key: 'flaggedAt', render: twoLineTime, width: 104 },
  householdColumn(150),
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
    render: (_: unknown, r: OverrideRecord) => <StaffCell staff={r.actor} />,
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
  const filters: OverrideQuery = urlFilterValues(params, ['jurisdictionId', 'from', 'to']);
  const pages = useKeysetPages(JSON.stringify(filters));
  const report = useOverrides(pageQuery(filters, pages, PAGE_SIZE));
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
