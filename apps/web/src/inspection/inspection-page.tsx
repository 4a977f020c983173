// 监督检查 the discipline inspector's desk: the anomaly reports, the override report, the audit chain check and
// the audit search, one tab each (the tab in the URL); every screen read-only.

import { Card, Tabs } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { ANOMALY_REPORT_LABELS } from '@libs/domain/anomalies';
import { AnomalyReport } from './anomaly-report';
import { AuditChain } from './audit-chain';
import { AuditEvents } from './audit-events';
import { OverrideReport } from './override-report';

const anomalyTab = (report: keyof typeof ANOMALY_REPORT_LABELS) => ({
  key: report,
  label: ANOMALY_REPORT_LABELS[report],
  children: <AnomalyReport report={report} />,
});

const TABS = [
  { key: 'overrides', label: '比对命中排除', children: <OverrideReport /> },
  anomalyTab('favouritism'),
  anomalyTab('falseClaims'),
  anomalyTab('inaction'),
  anomalyTab('editsAfterDecision'),
  { key: 'chain', label: '留痕链校验', children: <AuditChain /> },
  { key: 'events', label: '留痕检索', children: <AuditEvents /> },
];

export function InspectionPage() {
  const [params, setParams] = useSearchParams();
  const tab = TABS.some((t) => t.key === params.get('tab')) ? params.get('tab')! : 'overrides';
  return (
    <Card
      title="监督检查"
      extra={
        <span>
          <Link to="/cases">案件查询</Link> · <Link to="/ledgers">台账导出</Link>
        </span>
      }
    >
      {/* Each tab keeps its own filters in the URL; switching starts a tab afresh. */}
      <Tabs activeKey={tab} onChange={(key) => setParams({ tab: key })} items={TABS} destroyInactiveTabPane />
    </Card>
  );
}
