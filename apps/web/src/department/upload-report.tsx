// 上传结果 what the server did with an uploaded workbook: the households answered, those left open because a
// member has no usable row, the rows it could not use and why, and the requests that failed.

import { Alert, Card, Col, Row, Statistic, Table, Typography } from 'antd';
import type { WorkbookReport } from './department-tasks';

export function UploadReport({
  report,
  households,
}: {
  report: WorkbookReport;
  /** 户主 by request id, from the list as it was before the upload (answered requests leave it). */
  households: Map<string, string>;
}) {
  const head = (taskId: string) => households.get(taskId) ?? taskId;
  return (
    <Card title="上传结果" style={{ marginBottom: 16 }}>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Statistic
            title="本次办结（户）"
            value={report.answered.length}
            valueStyle={{ color: '#3f8600' }}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title="未填完，暂不办结（户）" value={report.incomplete.length} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title="未能对应的行"
            value={report.unmatched.length}
            valueStyle={report.unmatched.length ? { color: '#cf1322' } : undefined}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title="办理失败（户）"
            value={report.failed.length}
            valueStyle={report.failed.length ? { color: '#cf1322' } : undefined}
          />
        </Col>
      </Row>
      {report.answered.length > 0 && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          message={`已办结：${report.answered.map(head).join('、')}`}
        />
      )}
      {report.closed.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={`${report.closed.length} 户此前已办结或已撤销，本次未作改动`}
        />
      )}
      {report.unmatched.length > 0 && (
        <>
          <Typography.Title level={5}>未能对应的行</Typography.Title>
          <Table
            rowKey={(row) => `${row.row}:${row.idNumber}`}
            size="small"
            pagination={false}
            aria-label="未能对应的行"
            style={{ marginBottom: 16 }}
            dataSource={report.unmatched}
            columns={[
              { title: 'Excel 行号', dataIndex: 'row', width: 100 },
              { title: '身份证号', dataIndex: 'idNumber', width: 200 },
              { title: '原因', dataIndex: 'reason' },
            ]}
          />
        </>
      )}
      {report.incomplete.length > 0 && (
        <>
          <Typography.Title level={5}>未填完的户</Typography.Title>
          <Table
            rowKey="taskId"
            size="small"
            pagination={false}
            aria-label="未填完的户"
            style={{ marginBottom: 16 }}
            dataSource={report.incomplete}
            columns={[
              {
                title: '户主',
                dataIndex: 'householdHead',
                render: (h: string | null, r) => h ?? head(r.taskId),
              },
              {
                title: '尚未填写的成员',
                key: 'missing',
                render: (_, r) => r.missing.map((m) => `${m.name}（${m.idNumber}）`).join('、'),
              },
              { title: '原因', dataIndex: 'reason' },
            ]}
          />
        </>
      )}
      {report.failed.length > 0 && (
        <>
          <Typography.Title level={5}>办理失败</Typography.Title>
          <Table
            rowKey="taskId"
            size="small"
            pagination={false}
            aria-label="办理失败"
            dataSource={report.failed}
            columns={[
              { title: '户主', key: 'head', render: (_, r) => head(r.taskId) },
              { title: '原因', dataIndex: 'message' },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            可稍后重新上传同一文件，已办结的户不会重复办理。
          </Typography.Paragraph>
        </>
      )}
    </Card>
  );
}
