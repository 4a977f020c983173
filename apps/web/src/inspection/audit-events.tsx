// 留痕检索 the audit search: the jurisdiction's recorded actions by actor, case, household, a member's ID
// number, action, place and days, newest first, each with what it changed (personal data masked by the
// server); 导出 the same as CSV or Excel. A search by ID number and every export are audited by the server.

import { Col, DatePicker, Form, Input, Row, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { AUDIT_ACTION_LABELS, ROLE_LABELS, type Role } from '@libs/domain';
import type { AuditEvent } from '../cases/case-api';
import { describeEvent } from '../cases/case-timeline';
import { JurisdictionTreeSelect } from '../cases/jurisdiction-pickers';
import { IdNumberInput, idNumberItemProps, normalizeIdNumber } from '../shared/id-number-input';
import { PAGE_SIZE, useAuditEvents, useExportAuditEvents, type AuditEventsQuery } from './inspection-api';
import { pageQuery, useKeysetPages } from '../shared/keyset-pager';
import { KeysetTable } from '../shared/keyset-table';
import { ExportButton, ExportFailure } from '../shared/report-filters';
import { SearchButtons } from '../shared/search-buttons';
import { twoLineTime } from '../shared/two-line-time';
import { urlFilterValues } from '../shared/url-filters';
import { JsonView } from './history-evidence';

interface FormValues {
  actor?: string;
  caseId?: string;
  idNumber?: string;
  jurisdictionId?: string;
  action?: string;
  days?: [Dayjs, Dayjs];
}

// What the URL may hold; householdId comes only from a link (an event about a household: 只看该户).
const FILTERS = [
  'actor',
  'caseId',
  'householdId',
  'idNumber',
  'jurisdictionId',
  'action',
  'from',
  'to',
] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const formOf = (query: AuditEventsQuery): FormValues => ({
  actor: query.actor,
  caseId: query.caseId,
  idNumber: query.idNumber,
  jurisdictionId: query.jurisdictionId,
  action: query.action,
  days: query.from && query.to ? [dayjs(query.from), dayjs(query.to)] : undefined,
});

export const actorLabel = (actor: AuditEvent['actor']) =>
  actor.role === 'system' ? '系统' : `${actor.username}（${ROLE_LABELS[actor.role as Role] ?? actor.role}）`;

const columns = [
  { title: '时间', dataIndex: 'occurredAt', key: 'occurredAt', render: twoLineTime, width: 104 },
  { title: '操作人', key: 'actor', width: 150, render: (_: unknown, e: AuditEvent) => actorLabel(e.actor) },
  { title: '操作', key: 'action', render: (_: unknown, e: AuditEvent) => describeEvent(e) },
  {
    title: '案件',
    width: 84,
    key: 'case',
    render: (_: unknown, e: AuditEvent) =>
      e.caseId ? <Link to={`/inspection/cases/${e.caseId}`}>全程留痕</Link> : '—',
  },
  {
    title: '理由',
    dataIndex: 'reason',
    key: 'reason',
    render: (reason: string | null) => reason ?? '—',
  },
  { title: '序号', dataIndex: 'id', key: 'id', width: 70 },
];

const actionOptions = Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({
  value,
  label: `${label}（${value}）`,
}));

export function AuditEvents() {
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<FormValues>();
  const query: AuditEventsQuery = urlFilterValues(params, FILTERS);
  const key = JSON.stringify(query);
  const pages = useKeysetPages(key);
  const events = useAuditEvents(pageQuery(query, pages, PAGE_SIZE));
  // Back and forward through searches show their filters in the form.
  useEffect(() => form.setFieldsValue(formOf(JSON.parse(key) as AuditEventsQuery)), [form, key]);

  const exporting = useExportAuditEvents();
  // Everything the search shows, not only this page.
  const exportAs = (format: 'csv' | 'xlsx') => exporting.mutate({ ...query, format });

  const search = (values: FormValues) => {
    const next = new URLSearchParams({ tab: 'events' });
    const set = (name: string, value: string | undefined) => value && next.set(name, value);
    set('actor', values.actor?.trim());
    set('caseId', values.caseId?.trim());
    // A household picked by a link stays picked until the filters are cleared.
    set('householdId', query.householdId);
    set('idNumber', values.idNumber ? normalizeIdNumber(values.idNumber) : undefined);
    set('jurisdictionId', values.jurisdictionId);
    set('action', values.action);
    set('from', values.days?.[0].format('YYYY-MM-DD'));
    set('to', values.days?.[1].format('YYYY-MM-DD'));
    setParams(next);
  };

  return (
    <>
      <Form<FormValues> form={form} layout="vertical" initialValues={formOf(query)} onFinish={search}>
        <Row gutter={16}>
          <Col xs={24} sm={12} lg={5}>
            <Form.Item name="actor" label="操作人账号" rules={[{ max: 64, message: '至多 64 个字符' }]}>
              <Input allowClear placeholder="账号，精确匹配" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item
              name="caseId"
              label="案件编号"
              rules={[{ pattern: UUID, message: '应为案件编号（UUID）' }]}
            >
              <Input allowClear placeholder="案件编号" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item name="idNumber" label="家庭成员身份证号" {...idNumberItemProps(false)}>
              <IdNumberInput allowClear />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={7}>
            <Form.Item name="jurisdictionId" label="辖区" htmlFor="audit-events-place">
              <JurisdictionTreeSelect id="audit-events-place" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Form.Item name="action" label="操作">
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                placeholder="全部操作"
                options={actionOptions}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={7}>
            <Form.Item name="days" label="日期">
              <DatePicker.RangePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Space wrap style={{ marginBottom: 16 }}>
          <SearchButtons
            onReset={() => {
              form.setFieldsValue(formOf({}));
              setParams({ tab: 'events' });
            }}
          />
          {query.householdId && <Tag color="blue">只看一户</Tag>}
          <ExportButton exporting={exporting} onClick={() => exportAs('csv')}>
            导出 CSV
          </ExportButton>
          <ExportButton exporting={exporting} onClick={() => exportAs('xlsx')}>
            导出 Excel
          </ExportButton>
        </Space>
      </Form>
      <ExportFailure exporting={exporting} />
      <KeysetTable<AuditEvent>
        query={events}
        pages={pages}
        columns={columns}
        expandable={{
          expandedRowRender: (e) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text type="secondary">
                对象：{e.entityType} {e.entityId}
                {e.entityType === 'household' && (
                  <>
                    {' '}
                    <Link to={`/inspection?tab=events&householdId=${e.entityId}`}>只看该户</Link>
                  </>
                )}
              </Typography.Text>
              {e.before != null && <JsonView label="操作前" value={e.before} />}
              {e.after != null && <JsonView label="操作后" value={e.after} />}
            </Space>
          ),
        }}
        emptyText="没有符合条件的操作记录"
      />
    </>
  );
}
