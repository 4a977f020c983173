// 留痕链校验 the audit chain's status: each event's hash covers the one before it, so the server recomputes
// them all and names the first event where a deletion or an edit broke the chain.

import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Result, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useVerifyAuditChain } from './inspection-api';

export function AuditChain() {
  const verify = useVerifyAuditChain();
  const [checkedAt, setCheckedAt] = useState<string>();
  const report = verify.data;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Text>
            每个案件的操作记录各成一条哈希链，链头定期封存进各县签名的校验点；任何一条被改动、插入或删除（最新的也不例外），校验都会指出所在的链和记录。此处从上次校验处增量校验；全量重算请运行
            npm run audit:verify -- --full。
          </Typography.Text>
          <Button
            type="primary"
            icon={<SafetyCertificateOutlined />}
            loading={verify.isPending}
            onClick={() =>
              verify.mutate(undefined, {
                onSuccess: () => setCheckedAt(dayjs().format('YYYY-MM-DD HH:mm:ss')),
              })
            }
          >
            校验
          </Button>
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
              : `从第 ${report.brokenAt ?? '?'} 号记录起哈希或链接不符：该记录或其前一条已被删除或改动，请立即核查。`
          }
          extra={
            <Descriptions size="small" column={1} bordered style={{ maxWidth: 420, margin: '0 auto' }}>
              <Descriptions.Item label="校验结果">{report.ok ? '完整' : '断开'}</Descriptions.Item>
              <Descriptions.Item label="已校验条数">{report.checked}</Descriptions.Item>
              {!report.ok && (
                <Descriptions.Item label="断开处（记录序号）">{report.brokenAt}</Descriptions.Item>
              )}
              <Descriptions.Item label="校验时间">{checkedAt}</Descriptions.Item>
            </Descriptions>
          }
        />
      )}
    </Space>
  );
}
