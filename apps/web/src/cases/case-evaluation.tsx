// 资格评估 the latest evaluation against the 相对贫困线: per-capita income (a band: it is personal) beside the
// line, the verdict, and the reasons the domain's criteria gave.

import { Card, Descriptions, Tag, Typography } from 'antd';
import type { CaseDetail } from './case-api';
import { formatTime, formatYuan } from './format';

interface Evaluation {
  eligible: boolean;
  basis: 'quantitative' | 'qualitative' | null;
  reasons: string[];
  perCapitaIncome: number | string;
  povertyLine: number | null;
  year: number;
  evaluatedAt: string;
}

const BASIS_LABELS = { quantitative: '定量标准（收入低于相对贫困线）', qualitative: '定性标准' } as const;

export function CaseEvaluation({ evaluation }: { evaluation: CaseDetail['evaluation'] }) {
  if (!evaluation) {
    return (
      <Card title="资格评估">
        <Typography.Text type="secondary">尚未评估：入户调查后按相对贫困线评估</Typography.Text>
      </Card>
    );
  }
  const e = evaluation as unknown as Evaluation;
  return (
    <Card
      title="资格评估"
      extra={<Typography.Text type="secondary">{formatTime(e.evaluatedAt)}</Typography.Text>}
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 2, lg: 2, xl: 2, xxl: 2 }}>
        <Descriptions.Item label="结论">
          <Tag color={e.eligible ? 'green' : 'red'}>{e.eligible ? '符合认定条件' : '不符合认定条件'}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label="依据">{e.basis ? BASIS_LABELS[e.basis] : '—'}</Descriptions.Item>
        <Descriptions.Item label="家庭人均年收入">{formatYuan(e.perCapitaIncome)}</Descriptions.Item>
        <Descriptions.Item label={`${e.year}年相对贫困线`}>
          {e.povertyLine === null ? '本地区未设置' : formatYuan(e.povertyLine)}
        </Descriptions.Item>
      </Descriptions>
      {e.reasons.length > 0 && (
        <ul style={{ margin: '8px 0 0', paddingInlineStart: 20 }}>
          {e.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
    </Card>
  );
}
