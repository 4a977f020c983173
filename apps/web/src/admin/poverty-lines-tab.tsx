// 贫困线 the relative poverty lines by place, year and urban/rural: the base income and the ratio, the line
// they give (povertyLine, as the server computes it), a change with its reason, and 立即重新评估: every open
// case of a place evaluated again now against the lines in force.

import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { povertyLine } from '@libs/domain';
import type { Schemas } from '../api/client';
import { useMe } from '../auth/use-me';
import { FormModal, useServerErrors } from '../shared/form-modal';
import { type PovertyLine, usePovertyLines, usePutPovertyLine, useReevaluate } from './admin-api';
import { PlaceFilter, PlaceTreeSelect } from './place-tree';
import { requiredText } from '../shared/text-rules';

const AREA_OPTIONS = [
  { value: 'rural', label: '农村' },
  { value: 'urban', label: '城镇' },
];
const BASIS_OPTIONS = [
  { value: 'median', label: '上年人均可支配收入中位数' },
  { value: 'perCapitaDisposable', label: '上年人均可支配收入' },
];

const thisYear = () => new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
const yuan = (n: number) => n.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
const dateTime = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }).slice(0, -3);
const percent = (ratio: number) => `${Number((ratio * 100).toFixed(4))}%`;

export function PovertyLinesTab() {
  const me = useMe();
  const [filter, setFilter] = useState<{ jurisdictionId?: string; year?: number }>({});
  const lines = usePovertyLines(filter);
  const [editing, setEditing] = useState<PovertyLine | 'new'>();
  const [saved, setSaved] = useState<string>();

  const columns: ColumnsType<PovertyLine> = [
    {
      title: '辖区',
      key: 'place',
      render: (_, l) => `${l.jurisdictionName}（${l.levelLabel}）`,
    },
    { title: '年度', dataIndex: 'year', width: 80 },
    { title: '城乡', dataIndex: 'areaLabel', width: 70 },
    { title: '基数', key: 'base', render: (_, l) => `${l.basisLabel} ${yuan(l.baseIncome)} 元` },
    { title: '比例', dataIndex: 'ratio', width: 90, render: percent },
    {
      title: '相对贫困线',
      key: 'line',
      width: 150,
      render: (_, l) => (
        <Tooltip title={`最近修改：${dateTime(l.updatedAt)} ${l.updatedBy?.displayName ?? ''}`}>
          <Typography.Text strong>{yuan(l.line)} 元/人/年</Typography.Text>
        </Tooltip>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 80,
      fixed: 'right',
      render: (_, l) => (
        <Button
          type="link"
          size="small"
          aria-label={`修改 ${l.jurisdictionName}${l.year}年${l.areaLabel}`}
          onClick={() => setEditing(l)}
        >
          修改
        </Button>
      ),
    },
  ];

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <PlaceFilter
          value={filter.jurisdictionId}
          onChange={(jurisdictionId) => setFilter((f) => ({ ...f, jurisdictionId }))}
        />
        <InputNumber
          aria-label="按年度筛选"
          placeholder="全部年度"
          min={2000}
          max={2100}
          precision={0}
          style={{ width: 120 }}
          value={filter.year ?? null}
          onChange={(year) => setFilter((f) => ({ ...f, year: year ?? undefined }))}
        />
        <Button type="primary" onClick={() => setEditing('new')}>
          设定贫困线
        </Button>
      </Space>
      {saved && (
        <Alert
          type="success"
          showIcon
          closable
          message={saved}
          onClose={() => setSaved(undefined)}
          style={{ marginBottom: 16 }}
        />
      )}
      {lines.error && (
        <Alert type="error" showIcon message={lines.error.message} style={{ marginBottom: 16 }} />
      )}
      <Table
        rowKey={(l) => `${l.jurisdictionId}:${l.year}:${l.area}`}
        size="middle"
        columns={columns}
        dataSource={lines.data?.items}
        loading={lines.isFetching}
        pagination={false}
        scroll={{ x: 720 }}
        locale={{ emptyText: '尚未设定相对贫困线' }}
      />
      <ReevaluateCard defaultPlace={me.data?.jurisdictionId} />
      {editing && (
        <PovertyLineModal
          line={editing === 'new' ? undefined : editing}
          defaultPlace={me.data?.jurisdictionId}
          onSaved={setSaved}
          onClose={() => setEditing(undefined)}
        />
      )}
    </>
  );
}

type LineForm = Omit<Schemas['PutPovertyLineDto'], 'ratio'> & { percent: number };

function PovertyLineModal({
  line,
  defaultPlace,
  onSaved,
  onClose,
}: {
  line?: PovertyLine;
  defaultPlace?: string;
  onSaved: (message: string) => void;
  onClose: () => void;
}) {
  const [form] = Form.useForm<LineForm>();
  const put = usePutPovertyLine();
  const baseIncome = Form.useWatch('baseIncome', form);
  const pct = Form.useWatch('percent', form);
  const preview =
    typeof baseIncome === 'number' && baseIncome >= 0 && typeof pct === 'number' && pct > 0 && pct <= 100
      ? povertyLine({
          jurisdictionId: '',
          year: 0,
          area: 'rural',
          basis: 'median',
          baseIncome,
          ratio: Number((pct / 100).toFixed(6)),
        })
      : undefined;

  async function save({ percent: p, ...values }: LineForm) {
    const result = await put.mutateAsync({
      ...values,
      reason: values.reason.trim(),
      ratio: Number((p / 100).toFixed(6)),
    });
    onSaved(result.message);
  }

  return (
    <FormModal<LineForm>
      title={
        line ? `修改相对贫困线：${line.jurisdictionName}${line.year}年${line.areaLabel}` : '设定相对贫困线'
      }
      name="povertyLine"
      form={form}
      pending={put.isPending}
      onSave={save}
      onClose={onClose}
      initialValues={
        line
          ? {
              jurisdictionId: line.jurisdictionId,
              year: line.year,
              area: line.area,
              basis: line.basis,
              baseIncome: line.baseIncome,
              percent: Number((line.ratio * 100).toFixed(4)),
            }
          : { jurisdictionId: defaultPlace, year: thisYear(), area: 'rural', basis: 'median', percent: 40 }
      }
    >
      <Form.Item label="辖区" name="jurisdictionId" rules={[{ required: true, message: '请选择辖区' }]}>
        <PlaceTreeSelect disabled={line !== undefined} />
      </Form.Item>
      <Space wrap>
        <Form.Item
          label="年度"
          name="year"
          rules={[{ required: true, type: 'integer', min: 2000, max: 2100, message: '应为 2000–2100 年' }]}
        >
          <InputNumber disabled={line !== undefined} precision={0} style={{ width: 110 }} />
        </Form.Item>
        <Form.Item label="城乡" name="area" rules={[{ required: true, message: '请选择城镇或农村' }]}>
          <Select disabled={line !== undefined} options={AREA_OPTIONS} style={{ width: 100 }} />
        </Form.Item>
      </Space>
      <Form.Item label="基数" name="basis" rules={[{ required: true, message: '请选择基数' }]}>
        <Select options={BASIS_OPTIONS} />
      </Form.Item>
      <Space wrap align="start">
        <Form.Item
          label="基数金额（元/人/年）"
          name="baseIncome"
          rules={[
            { required: true, message: '请填写基数金额' },
            { type: 'number', min: 0, max: 1_000_000_000, message: '应为 0–1000000000 元' },
          ]}
        >
          <InputNumber min={0} precision={2} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item
          label="比例（%）"
          name="percent"
          rules={[
            { required: true, message: '请填写比例' },
            { type: 'number', min: 0.0001, max: 100, message: '应大于 0、不超过 100%' },
          ]}
        >
          <InputNumber min={0} max={100} precision={4} style={{ width: 130 }} addonAfter="%" />
        </Form.Item>
      </Space>
      <Alert
        type="info"
        style={{ marginBottom: 16 }}
        message={
          preview === undefined
            ? '相对贫困线 = 基数金额 × 比例，取整到元'
            : `相对贫困线：${yuan(preview)} 元/人/年（基数金额 × 比例，取整到元）`
        }
      />
      <Form.Item
        label="修改理由或依据"
        name="reason"
        rules={requiredText('请填写理由或依据', { min: 2, max: 500, prefix: '理由须为 ' })}
      >
        <Input.TextArea rows={2} placeholder="如：县政府关于调整相对贫困线的通知" />
      </Form.Item>
    </FormModal>
  );
}

/** 立即重新评估: the place's open cases (its places below included) evaluate again now; confirmed first. */
function ReevaluateCard({ defaultPlace }: { defaultPlace?: string }) {
  const { modal } = App.useApp();
  const [form] = Form.useForm<{ jurisdictionId: string; reason: string }>();
  const reevaluate = useReevaluate();
  const [result, setResult] = useState<Schemas['ReevaluateResponseDto']>();
  const { submit, error } = useServerErrors(form);

  function confirm(values: { jurisdictionId: string; reason: string }) {
    modal.confirm({
      title: '立即重新评估？',
      content: '该辖区（含下级）的全部在办案件将按现行相对贫困线立即重新评估，不再符合条件的户随即进入核查。',
      okText: '重新评估',
      cancelText: '取消',
      onOk: async () => {
        setResult(undefined);
        await submit(async () =>
          setResult(await reevaluate.mutateAsync({ ...values, reason: values.reason.trim() })),
        );
      },
    });
  }

  return (
    <Card size="small" title="立即重新评估" style={{ marginTop: 24 }}>
      <Typography.Paragraph type="secondary">
        新的贫困线在下次半年核查时生效；需要马上按新标准核对时，可通知辖区内全部在办案件立即重新评估。
      </Typography.Paragraph>
      <Form
        name="reevaluate"
        form={form}
        layout="inline"
        onFinish={confirm}
        initialValues={{ jurisdictionId: defaultPlace }}
        style={{ rowGap: 12 }}
      >
        <Form.Item label="辖区" name="jurisdictionId" rules={[{ required: true, message: '请选择辖区' }]}>
          <PlaceTreeSelect style={{ width: 200 }} />
        </Form.Item>
        <Form.Item
          label="理由"
          name="reason"
          rules={requiredText('请填写理由', { min: 2, max: 500, prefix: '理由须为 ' })}
        >
          <Input style={{ width: 280 }} placeholder="如：相对贫困线调整" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" danger htmlType="submit" loading={reevaluate.isPending}>
            立即重新评估
          </Button>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 16 }} />}
      {result && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 16 }}
          message={result.message}
          description={`已通知 ${result.signalled} 件，流程已结束跳过 ${result.skipped} 件`}
        />
      )}
    </Card>
  );
}
