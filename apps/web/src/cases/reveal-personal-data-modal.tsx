// 查看完整信息: the household's personal data in full, for a reason the viewer types. The server decides
// (need to know) and audits every reveal and every refusal; what it answers is shown here and kept nowhere.

import { Alert, Checkbox, Descriptions, Form, Input, Modal, Table, Tag } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import {
  PERSONAL_DATA_LABELS,
  type PersonalDataKind,
  POVERTY_CAUSE_LABELS,
  MEMBER_RELATION_LABELS,
} from '@libs/domain';
import { api, unwrap } from '../api/client';
import { showServerErrors } from '../shared/server-errors';
import type { PersonalData } from './case-api';
import { formatYuan } from './format';
import { requiredText } from '../shared/text-rules';

interface Values {
  fields: PersonalDataKind[];
  reason: string;
}

export function RevealPersonalDataModal({
  caseId,
  kinds,
  onClose,
}: {
  caseId: string;
  kinds: PersonalDataKind[];
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const [banner, setBanner] = useState<string>();
  const reveal = useMutation({
    mutationFn: (values: Values) =>
      unwrap(
        api.GET('/cases/{id}/personal-data', {
          params: {
            path: { id: caseId },
            query: { fields: values.fields.join(','), reason: values.reason.trim() },
          },
        }),
      ),
    onMutate: () => setBanner(undefined),
    onError: (error) => setBanner(showServerErrors(form, error)),
  });

  return (
    <Modal
      open
      title="查看完整个人信息"
      okText={reveal.data ? '关闭' : '查看'}
      cancelButtonProps={{ style: reveal.data ? { display: 'none' } : undefined }}
      confirmLoading={reveal.isPending}
      onOk={() => (reveal.data ? onClose() : form.submit())}
      onCancel={onClose}
      width={720}
    >
      {reveal.data ? (
        <RevealedData data={reveal.data} />
      ) : (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ fields: kinds.includes('idNumber') ? ['idNumber'] : [] }}
          onFinish={(values) => reveal.mutate(values)}
        >
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message="按需知原则查看：请说明理由，每次查看都记入留痕。"
          />
          <Form.Item name="fields" label="查看内容" rules={[{ required: true, message: '至少选择一项' }]}>
            <Checkbox.Group
              options={kinds.map((kind) => ({ value: kind, label: PERSONAL_DATA_LABELS[kind] }))}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label="查看理由"
            rules={requiredText('请说明查看理由', { min: 2, max: 200 })}
          >
            <Input.TextArea rows={2} maxLength={200} showCount placeholder="如：入户核实家庭成员身份" />
          </Form.Item>
          {banner && <Alert type="error" showIcon message={banner} />}
        </Form>
      )}
    </Modal>
  );
}

function RevealedData({ data }: { data: PersonalData }) {
  const showIncome = data.fields.includes('income');
  return (
    <>
      <Table
        size="small"
        rowKey={(m) => `${m.name}:${m.idNumber}`}
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={data.members}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          {
            title: '与户主关系',
            dataIndex: 'relation',
            render: (r: keyof typeof MEMBER_RELATION_LABELS) => MEMBER_RELATION_LABELS[r] ?? r,
          },
          { title: '身份证号', dataIndex: 'idNumber' },
          ...(showIncome ? [{ title: '上年度收入', dataIndex: 'annualIncome', render: formatYuan }] : []),
        ]}
      />
      <Descriptions size="small" column={1} style={{ marginTop: 12 }}>
        {data.phone !== undefined && (
          <Descriptions.Item label="联系电话">{data.phone ?? '未登记'}</Descriptions.Item>
        )}
        {data.perCapitaIncome !== undefined && (
          <Descriptions.Item label="家庭人均年收入">{formatYuan(data.perCapitaIncome)}</Descriptions.Item>
        )}
        {data.health && (
          <>
            <Descriptions.Item label="致贫原因">
              {data.health.povertyCauses.map((cause) => (
                <Tag key={cause}>
                  {POVERTY_CAUSE_LABELS[cause as keyof typeof POVERTY_CAUSE_LABELS] ?? cause}
                </Tag>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label="基本医疗有保障">
              {data.health.medicalSecured === null ? '未调查' : data.health.medicalSecured ? '是' : '否'}
            </Descriptions.Item>
            <Descriptions.Item label="单人保">
              {data.health.individualCoverage.length === 0
                ? '无'
                : data.health.individualCoverage
                    .map((c) => `${c.idNumber}（${c.reason === 'severeDisability' ? '重度残疾' : '重病'}）`)
                    .join('；')}
            </Descriptions.Item>
          </>
        )}
      </Descriptions>
    </>
  );
}
