// 三本台账 the three ledgers (认定 / 帮扶 / 退出) of the user's jurisdiction, by township or village and by
// period, newest first in keyset pages, each exported as the server's CSV or Excel workbook. Entries are never
// edited: the county centre corrects one by adding a row (更正), and the list marks both. The filters live in
// the URL.

import { Button, Card, Col, Form, Select, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useMe } from '../auth/use-me';
import { pageQuery, useKeysetPages } from '../shared/keyset-pager';
import { KeysetTable } from '../shared/keyset-table';
import { DayRangeFilter, ExportButton, ReportFilters } from '../shared/report-filters';
import { twoLineTime } from '../shared/two-line-time';
import { useUrlFilters } from '../shared/url-filters';
import { CorrectionModal } from './correction-modal';
import {
  type ExportFormat,
  PAGE_SIZE,
  useExportLedger,
  useLedger,
  type Ledger,
  type LedgerEntry,
  type LedgerQuery,
} from './ledger-api';
import { currentQuarter, periodOptions, periodWindow, type Window } from './period';

const LEDGER_TABS: { key: Ledger; label: string }[] = [
  { key: 'identification', label: '认定台账' },
  { key: 'support', label: '帮扶台账' },
  { key: 'exit', label: '退出台账' },
];

const isLedger = (text: string | null): text is Ledger => LEDGER_TABS.some((tab) => tab.key === text);

const RANGE = 'range';

// Names of the entry fields most likely to appear when an entry has no summary line.
const ENTRY_FIELD_LABELS: Record<string, string> = {
  reason: '理由',
  note: '备注',
  perCapitaIncome: '人均收入(元)',
  povertyLine: '相对贫困线(元)',
  basis: '认定依据',
  outcome: '结果',
  department: '部门',
  amount: '金额(元)',
  decision: '决定',
};

/** An entry as one line: its summary, or its fields (already masked by the server). */
export function describeLedgerEntry(entry: Record<string, unknown>): string {
  if (typeof entry.summary === 'string') return entry.summary;
  return Object.entries(entry)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([key, value]) => {
      const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
      return `${ENTRY_FIELD_LABELS[key] ?? key}：${text}`;
    })
    .join('；');
}

/** The window the URL asks for: a period, or a range of days; the current quarter when it names neither. */
function windowOf(params: URLSearchParams): { period: string; window?: Window } {
  const period = params.get('period') ?? currentQuarter();
  if (period === RANGE) {
    const [from, to] = [params.get('from'), params.get('to')];
    return { period, window: from && to ? { from, to } : undefined };
  }
  return { period, window: periodWindow(period) };
}

export function LedgersPage() {
  const [params, update] = useUrlFilters();
  const me = useMe();
  const ledger: Ledger = isLedger(params.get('ledger')) ? (params.get('ledger') as Ledger) : 'identification';
  const jurisdictionId = params.get('place') ?? undefined;
  const { period, window } = windowOf(params);
  const filters: LedgerQuery = { ...window, ...(jurisdictionId ? { jurisdictionId } : {}) };

  const pages = useKeysetPages(params.toString());
  const page = useLedger(ledger, pageQuery(filters, pages, PAGE_SIZE));
  const exporting = useExportLedger();
  const exportAs = (format: ExportFormat) => exporting.mutate({ ledger, query: filters, format });
  const [correcting, setCorrecting] = useState<LedgerEntry>();

  // An inspector reads the case's full history; the others the case page.
  const inspects = me.data?.role === 'inspector' || me.data?.role === 'admin';
  const caseLink = (caseId: string) => (inspects ? `/inspection/cases/${caseId}` : `/cases/${caseId}`);
  // 县相对贫困服务中心 keeps the ledgers: it alone corrects them.
  const corrects = me.data?.role === 'countyOfficer';

  const columns = [
    {
      title: '登记时间',
      dataIndex: 'recordedAt',
      key: 'recordedAt',
      width: 104,
      render: twoLineTime,
    },
    {
      title: '所在村(社区)',
      key: 'place',
      width: 120,
      render: (_: unknown, e: LedgerEntry) => `${e.townshipName ?? ''} ${e.villageName}`,
    },
    {
      title: '户主',
      key: 'head',
      width: 150,
      render: (_: unknown, e: LedgerEntry) => (
        <Space direction="vertical" size={0}>
          <Link to={caseLink(e.caseId)}>{e.householdHead ?? '（无户主）'}</Link>
          <Typography.Text type="secondary">{e.householdHeadIdNumber}</Typography.Text>
        </Space>
      ),
    },
    {
      title: '事项',
      key: 'event',
      width: 100,
      render: (_: unknown, e: LedgerEntry) => (
        <Space direction="vertical" size={0}>
          {e.eventLabel}
          {e.corrects && <Tag color="blue">更正</Tag>}
          {e.correctedBy && <Tag color="orange">已更正</Tag>}
        </Space>
      ),
    },
    {
      title: '详情',
      key: 'entry',
      render: (_: unknown, e: LedgerEntry) => (
        <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 3, expandable: true, symbol: '展开' }}>
          {describeLedgerEntry(e.entry)}
        </Typography.Paragraph>
      ),
    },
    ...(corrects
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 72,
            render: (_: unknown, e: LedgerEntry) =>
              // A row is corrected once: a further correction corrects the newer row.
              !e.correctedBy && (
                <Button type="link" size="small" onClick={() => setCorrecting(e)}>
                  更正
                </Button>
              ),
          },
        ]
      : []),
  ];

  return (
    <Card title="台账">
      <Tabs
        activeKey={ledger}
        onChange={(key) => update({ ledger: key })}
        items={LEDGER_TABS.map((tab) => ({ key: tab.key, label: tab.label }))}
      />
      <ReportFilters
        id="ledger"
        place={jurisdictionId}
        onPlace={(place) => update({ place })}
        exporting={exporting}
        onExport={() => exportAs('csv')}
        note={
          <>
            {window && (
              <Typography.Text type="secondary">
                {window.from} 至 {window.to}
              </Typography.Text>
            )}
            <ExportButton exporting={exporting} onClick={() => exportAs('xlsx')}>
              导出 Excel
            </ExportButton>
          </>
        }
      >
        <Col xs={24} sm={12} lg={6}>
          <Form.Item label="统计期间" htmlFor="ledger-period">
            <Select
              id="ledger-period"
              value={period}
              onChange={(value) => update({ period: value, from: undefined, to: undefined })}
              options={[...periodOptions(), { value: RANGE, label: '自定义日期' }]}
            />
          </Form.Item>
        </Col>
        {period === RANGE && (
          <DayRangeFilter
            id="ledger-range"
            label="登记日期"
            from={window?.from}
            to={window?.to}
            onChange={update}
          />
        )}
      </ReportFilters>
      <KeysetTable<LedgerEntry> query={page} pages={pages} columns={columns} emptyText="该期间没有登记事项" />
      {correcting && (
        <CorrectionModal
          ledger={ledger}
          entry={correcting}
          current={describeLedgerEntry(correcting.entry)}
          onClose={() => setCorrecting(undefined)}
        />
      )}
    </Card>
  );
}
