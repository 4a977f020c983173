// 比对命中排除 the override report: every disqualifying data-check hit a worker set aside in the
// jurisdiction, with who, when and why, each linked to the case's full history; exported as CSV.

import { Col, DatePicker, Form, Row, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { JurisdictionTreeSelect } from '../cases/jurisdiction-pickers';
import { CsvExportButton, CsvExportFailure } from '../shared/csv-export';
import { useKeysetPages } from '../shared/keyset-pager';
import { KeysetTable } from '../shared/keyset-table';
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
      <Form layout="vertical">
        <Row gutter={16} align="bottom">
          <Col xs={24} sm={12} lg={7}>
            <Form.Item label="辖区" htmlFor="override-place">
              <JurisdictionTreeSelect
                id="override-place"
                value={filters.jurisdictionId}
                onChange={(value) => update({ jurisdictionId: value })}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={8}>
            <Form.Item label="排除日期" htmlFor="override-range">
              <DatePicker.RangePicker
                id={{ start: 'override-range' }}
                style={{ width: '100%' }}
                value={filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
                onChange={(range) =>
                  update({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })
                }
              />
            </Form.Item>
          </Col>
          <Col flex="auto">
            <Form.Item>
              <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
                <CsvExportButton exporting={exporting} onExport={() => exporting.mutate(filters)} />
              </Space>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <CsvExportFailure exporting={exporting} />
      <KeysetTable<OverrideRecord>
        query={report}
        pages={pages}
        columns={columns}
        emptyText="没有比对命中排除记录"
      />
    </>
  );
}
