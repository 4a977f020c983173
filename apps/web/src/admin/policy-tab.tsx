// 县级政策 the county's lifecycle policy: the periods (公示期 7 天 …), the 低保 standard, the departments the
// data check asks and how each answers, and each kind of task's deadline in working days (hours when
// urgent). Saved whole (PUT /admin/policies/:countyId), audited by the server.

import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Col,
  Descriptions,
  Divider,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import {
  DATA_CHECK_CONNECTORS,
  DEPARTMENT_LABELS,
  DEPARTMENTS,
  TASK_STEPS,
  type DataCheckConnector,
  type Department,
  type TaskKind,
} from '@libs/domain';
import { useMe } from '../auth/use-me';
import { ReasonItem, type ReasonField } from '../shared/form-modal';
import { showServerErrors } from '../shared/server-errors';
import { type CountyPolicy, type PutLifecyclePolicy, useCountyPolicy, usePutCountyPolicy } from './admin-api';
import { DurationInput } from './duration-input';
import { formatDuration } from './durations';

const CONNECTOR_LABELS: Record<DataCheckConnector, string> = {
  inbox: '部门待办',
  excel: '表格导入',
  http: '部门接口',
};

const PERIODS = [
  { name: 'publicNotice', label: '村内公示期', extra: '民主评议后在村内张贴公示的时长' },
  { name: 'reviewInterval', label: '核查间隔', extra: '认定后每隔多久核查一次（半年核查）' },
  { name: 'supportLimit', label: '帮扶期限', extra: '超过后继续帮扶须说明理由' },
  { name: 'observation', label: '持续关注期', extra: '退出后继续关注的时长' },
] as const;

interface DepartmentRow {
  department?: Department;
  connector?: DataCheckConnector;
  endpoint?: string;
  secret?: string;
}

interface PolicyForm extends ReasonField {
  publicNotice: string;
  reviewInterval: string;
  supportLimit: string;
  observation: string;
  minimumLivingStandard: number;
  dataCheckDepartments: DepartmentRow[];
  taskSlaWorkingDays: Record<TaskKind, number>;
  urgentTaskSlaHours: Record<TaskKind, number>;
}

const dateTime = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }).slice(0, -3);

export function PolicyTab() {
  const me = useMe();
  const countyId = me.data?.jurisdictionPath.split('.')[0];
  const policy = useCountyPolicy(countyId);
  if (!countyId || policy.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (policy.error) return <Alert type="error" showIcon message={policy.error.message} />;
  // Keyed by the saved time: a save starts the form again from what the server kept.
  return <PolicyEditor key={policy.data.updatedAt ?? 'default'} countyId={countyId} current={policy.data} />;
}

function PolicyEditor({ countyId, current }: { countyId: string; current: CountyPolicy }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<PolicyForm>();
  const put = usePutCountyPolicy(countyId);
  const [error, setError] = useState<string>();
  const rows = Form.useWatch('dataCheckDepartments', form) ?? [];
  const secretsSet = new Set(current.endpointSecrets.map((s) => s.department));

  const initialValues = useMemo<PolicyForm>(
    () => ({
      ...current.policy,
      dataCheckDepartments: current.policy.dataCheckDepartments.map((d) => ({ ...d })),
      taskSlaWorkingDays: current.policy.taskSlaWorkingDays as Record<TaskKind, number>,
      urgentTaskSlaHours: current.policy.urgentTaskSlaHours as Record<TaskKind, number>,
    }),
    [current],
  );

  async function save(values: PolicyForm) {
    setError(undefined);
    const body: PutLifecyclePolicy = {
      publicNotice: values.publicNotice,
      reviewInterval: values.reviewInterval,
      supportLimit: values.supportLimit,
      observation: values.observation,
      minimumLivingStandard: values.minimumLivingStandard,
      dataCheckDepartments: (values.dataCheckDepartments ?? []).map((d) => ({
        department: d.department!,
        connector: d.connector!,
        ...(d.connector === 'http' && d.endpoint?.trim() ? { endpoint: d.endpoint.trim() } : {}),
        ...(d.connector === 'http' && d.secret ? { secret: d.secret } : {}),
      })),
      taskSlaWorkingDays: values.taskSlaWorkingDays as never,
      urgentTaskSlaHours: values.urgentTaskSlaHours as never,
      reason: values.reason,
    };
    try {
      const saved = await put.mutateAsync(body);
      void message.success(
        `已保存${saved.countyName}的流程参数：公示期 ${formatDuration(saved.policy.publicNotice)}`,
      );
    } catch (e) {
      setError(showServerErrors(form, e));
    }
  }

  const taskRows = TASK_STEPS.map((s) => ({ kind: s.kind, label: s.label }));

  return (
    <Form<PolicyForm>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={save}
      onFinishFailed={() => setError('表单有误，请按提示修改')}
      scrollToFirstError
    >
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="县(区)">
          {current.countyName}（{current.countyId}）
        </Descriptions.Item>
        <Descriptions.Item label="状态">
          {current.isDefault ? <Tag>尚未设置，使用平台默认值</Tag> : <Tag color="blue">已设置</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label="最近修改">
          {current.updatedAt ? `${dateTime(current.updatedAt)} ${current.updatedBy?.displayName ?? ''}` : '—'}
        </Descriptions.Item>
      </Descriptions>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}

      <Divider orientation="left" orientationMargin={0}>
        期限
      </Divider>
      <Row gutter={24}>
        {PERIODS.map((p) => (
          <Col key={p.name} xs={24} md={12} xl={6}>
            <Form.Item
              label={p.label}
              name={p.name}
              extra={`${p.extra}；默认 ${formatDuration(current.defaults[p.name])}`}
              rules={[{ required: true, message: `请填写${p.label}` }]}
            >
              <DurationInput />
            </Form.Item>
          </Col>
        ))}
        <Col xs={24} md={12} xl={6}>
          <Form.Item
            label="低保标准（元/人/年）"
            name="minimumLivingStandard"
            extra="渐退期与单人保据此计算"
            rules={[
              { required: true, message: '请填写低保标准' },
              { type: 'number', min: 0.01, max: 1_000_000, message: '应为 0.01–1000000 元' },
            ]}
          >
            <InputNumber min={0} precision={2} style={{ width: 160 }} />
          </Form.Item>
        </Col>
      </Row>

      <Divider orientation="left" orientationMargin={0}>
        大数据比对部门
      </Divider>
      <Typography.Paragraph type="secondary">
        反馈方式：部门待办，部门经办人在平台内逐户反馈；表格导入，下载比对请求表、填好后上传；部门接口，平台按约定自动请求部门系统（须填接口地址，正式环境须设签名密钥）。
      </Typography.Paragraph>
      <Form.List name="dataCheckDepartments">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => {
              const row = rows[index] ?? {};
              return (
                <Row key={field.key} gutter={12} align="top">
                  <Col xs={24} md={6}>
                    <Form.Item
                      label={index === 0 ? '成员单位' : undefined}
                      name={[field.name, 'department']}
                      rules={[
                        { required: true, message: '请选择部门' },
                        {
                          validator: (_, value) =>
                            value && rows.filter((r) => r?.department === value).length > 1
                              ? Promise.reject(new Error('部门重复'))
                              : Promise.resolve(),
                        },
                      ]}
                    >
                      <Select
                        aria-label={`比对部门 ${index + 1}`}
                        placeholder="选择部门"
                        options={DEPARTMENTS.map((d) => ({ value: d, label: DEPARTMENT_LABELS[d] }))}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={7}>
                    <Form.Item
                      label={index === 0 ? '反馈方式' : undefined}
                      name={[field.name, 'connector']}
                      rules={[{ required: true, message: '请选择反馈方式' }]}
                    >
                      <Select
                        aria-label={`反馈方式 ${index + 1}`}
                        options={DATA_CHECK_CONNECTORS.map((c) => ({ value: c, label: CONNECTOR_LABELS[c] }))}
                      />
                    </Form.Item>
                  </Col>
                  {row.connector === 'http' && (
                    <>
                      <Col xs={24} md={5}>
                        <Form.Item
                          label={index === 0 ? '接口地址' : undefined}
                          name={[field.name, 'endpoint']}
                          rules={[
                            { required: true, message: '接口方式须填写部门接口地址' },
                            {
                              pattern: /^https?:\/\/\S+$/,
                              message: '应为 http:// 或 https:// 开头的地址',
                            },
                            { max: 500, message: '不超过 500 个字符' },
                          ]}
                        >
                          <Input aria-label={`接口地址 ${index + 1}`} placeholder="https://" />
                        </Form.Item>
                      </Col>
                      <Col xs={20} md={5}>
                        <Form.Item
                          label={index === 0 ? '签名密钥' : undefined}
                          name={[field.name, 'secret']}
                          rules={[
                            { min: 32, message: '至少 32 个字符' },
                            { max: 256, message: '不超过 256 个字符' },
                          ]}
                        >
                          <Input.Password
                            aria-label={`签名密钥 ${index + 1}`}
                            autoComplete="new-password"
                            placeholder={
                              row.department && secretsSet.has(row.department)
                                ? '已设置，不填则保留'
                                : '32–256 个字符'
                            }
                          />
                        </Form.Item>
                      </Col>
                    </>
                  )}
                  <Col xs={4} md={1}>
                    <Form.Item label={index === 0 ? ' ' : undefined}>
                      <Button
                        type="text"
                        danger
                        aria-label={`删除比对部门 ${index + 1}`}
                        icon={<DeleteOutlined />}
                        onClick={() => remove(field.name)}
                      />
                    </Form.Item>
                  </Col>
                </Row>
              );
            })}
            <Button icon={<PlusOutlined />} onClick={() => add({ connector: 'inbox' })}>
              添加比对部门
            </Button>
          </>
        )}
      </Form.List>

      <Divider orientation="left" orientationMargin={0}>
        办理时限
      </Divider>
      <Table
        rowKey="kind"
        size="small"
        pagination={false}
        dataSource={taskRows}
        columns={[
          { title: '任务', dataIndex: 'label' },
          {
            title: '时限（工作日）',
            key: 'days',
            width: 200,
            render: (_, { kind, label }) => (
              <Form.Item
                name={['taskSlaWorkingDays', kind]}
                style={{ marginBottom: 0 }}
                rules={[
                  { required: true, message: '请填写' },
                  { type: 'integer', min: 1, max: 60, message: '应为 1–60 的整数' },
                ]}
              >
                <InputNumber
                  aria-label={`${label} 工作日`}
                  min={1}
                  max={60}
                  precision={0}
                  addonAfter="个工作日"
                />
              </Form.Item>
            ),
          },
          {
            title: '特事特办（小时）',
            key: 'hours',
            width: 200,
            render: (_, { kind, label }) => (
              <Form.Item
                name={['urgentTaskSlaHours', kind]}
                style={{ marginBottom: 0 }}
                rules={[
                  { required: true, message: '请填写' },
                  { type: 'integer', min: 1, max: 720, message: '应为 1–720 的整数' },
                ]}
              >
                <InputNumber aria-label={`${label} 小时`} min={1} max={720} precision={0} addonAfter="小时" />
              </Form.Item>
            ),
          },
        ]}
      />
      <div style={{ marginTop: 16, maxWidth: 600 }}>
        <ReasonItem />
      </div>
      <Button type="primary" htmlType="submit" loading={put.isPending}>
        保存流程参数
      </Button>
    </Form>
  );
}
