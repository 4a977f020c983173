// 留痕链校验 the audit log's status: each case's events form a hash chain, whose heads each county's signed
// checkpoints seal; the server verifies what is new since the last good check (or, asked, every row) and names
// each break with its chain and row.

import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, List, Result, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useVerifyAuditChain } from './inspection-api';

export function AuditChain() {
  const verify = useVerifyAuditChain();
  const [checkedAt, setCheckedAt] = useState<string>();
  const report = verify.data;
  const run = (full: boolean) =>
    verify.mutate(full, { onSuccess: () => setCheckedAt(dayjs().format('YYYY-MM-DD HH:mm:ss')) });

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Text>
            每个案件的操作记录各成一条哈希链，链头定期封存进各县签名的校验点；任何一条被改动、插入或删除（最新的也不例外），校验都会指出所在的链和记录。「校验」只查上次校验以来的新记录，「全量校验」逐条重算全部记录，可能需要一些时间。
          </Typography.Text>
          <Space wrap>
            <Button
              type="primary"
              icon={<SafetyCertificateOutlined />}
              loading={verify.isPending && verify.variables === false}
              disabled={verify.isPending}
              onClick={() => run(false)}
            >
              校验
            </Button>
            <Button
              loading={verify.isPending && verify.variables === true}
              disabled={verify.isPending}
              onClick={() => run(true)}
            >
              全量校验
            </Button>
          </Space>
        </Space>
      </Card>
      {verify.isError && <Alert type="error" showIcon message={`校验失败：${verify.error.message}`} />}
      {report && !verify.isPending && (
        <Result
          status={report.ok ? 'success' : 'error'}
          title={report.ok ? '留痕链完整' : '留痕链已断开'}
          subTitle={
            report.ok
              ? `已校验 ${report.checked} 条操作记录，未发现删除或改动。`
              : `发现 ${report.breaks.length} 处删改，请立即核查。`
          }
          extra={
            <Descriptions size="small" column={1} bordered style={{ maxWidth: 420, margin: '0 auto' }}>
              <Descriptions.Item label="校验结果">{report.ok ? '完整' : '断开'}</Descriptions.Item>
              <Descriptions.Item label="校验方式">
                {report.full ? '全量' : '增量（上次校验以来）'}
              </Descriptions.Item>
              <Descriptions.Item label="已校验条数">{report.checked}</Descriptions.Item>
              <Descriptions.Item label="留痕链 / 签名校验点">
                {report.chains} / {report.checkpoints}
              </Descriptions.Item>
              <Descriptions.Item label="校验时间">{checkedAt}</Descriptions.Item>
            </Descriptions>
          }
        />
      )}
      {report && !report.ok && !verify.isPending && (
        <List
          aria-label="删改之处"
          bordered
          dataSource={report.breaks}
          renderItem={(problem) => (
            <List.Item
              extra={problem.caseId && <Link to={`/inspection/cases/${problem.caseId}`}>全程留痕</Link>}
            >
              {problem.problem}
            </List.Item>
          )}
        />
      )}
    </Space>
  );
}
