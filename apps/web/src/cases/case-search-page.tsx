// 案件查询 the cases in the user's scope, filtered as GET /cases allows. The filters live in the URL (a
// search can be bookmarked or sent); pages are keyset pages, walked back through the cursors already seen.

import { Card, Checkbox, Col, DatePicker, Form, Input, Row, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { CASE_STAGES, STAGE_LABELS, CASE_STATUS_LABELS, INTAKE_CHANNEL_LABELS } from '@libs/domain';
import { useKeysetPages } from '../shared/keyset-pager';
import { KeysetTable } from '../shared/keyset-table';
import { SearchButtons } from '../shared/search-buttons';
import { IdNumberInput, idNumberItemProps, normalizeIdNumber } from '../shared/id-number-input';
import { formatTime } from './format';
import { JurisdictionTreeSelect } from './jurisdiction-pickers';
import { useCaseSearch, type CaseSearchItem, type CaseSearchQuery } from './case-api';

interface FormValues {
  headName?: string;
  idNumber?: string;
  jurisdictionId?: string;
  stage?: CaseSearchQuery['stage'];
  status?: CaseSearchQuery['status'];
  urgent?: 'true' | 'false';
  created?: [Dayjs, Dayjs];
  initiatedByMe?: boolean;
}

// The URL's text is taken as the form's values; the server refuses what is not (a hand-edited stage) in Chinese.
function formFromUrl(params: URLSearchParams): FormValues {
  const text = (name: string) => params.get(name) || undefined;
  const [from, to] = [text('createdFrom'), text('createdTo')];
  return {
    headName: text('headName'),
    idNumber: text('idNumber'),
    jurisdictionId: text('jurisdictionId'),
    stage: text('stage') as FormValues['stage'],
    status: text('status') as FormValues['status'],
    urgent: text('urgent') as FormValues['urgent'],
    created: from && to ? [dayjs(from), dayjs(to)] : undefined,
    initiatedByMe: params.get('initiatedByMe') === 'true',
  };
}

/** The filters GET /cases takes, from the form: only those set. */
function queryFromForm(values: FormValues): CaseSearchQuery {
  const query: CaseSearchQuery = {
    headName: values.headName?.trim() || undefined,
    idNumber: values.idNumber ? normalizeIdNumber(values.idNumber) : undefined,
    jurisdictionId: values.jurisdictionId,
    stage: values.stage,
    status: values.status,
    urgent: values.urgent === undefined ? undefined : values.urgent === 'true',
    createdFrom: values.created?.[0].format('YYYY-MM-DD'),
    createdTo: values.created?.[1].format('YYYY-MM-DD'),
    initiatedByMe: values.initiatedByMe || undefined,
  };
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined));
}

const urlFromQuery = (query: CaseSearchQuery): Record<string, string> =>
  Object.fromEntries(Object.entries(query).map(([name, value]) => [name, String(value)]));

const columns = [
  {
    title: '户主',
    key: 'head',
    render: (_: unknown, c: CaseSearchItem) => (
      <Space direction="vertical" size={0}>
        <Space size={4}>
          <Link to={`/cases/${c.id}`}>{c.householdHead ?? '（无户主）'}</Link>
          {c.urgent && <Tag color="red">紧急</Tag>}
        </Space>
        <Typography.Text type="secondary">{c.householdHeadIdNumber}</Typography.Text>
      </Space>
    ),
  },
  { title: '人数', dataIndex: 'memberCount', key: 'memberCount' },
  {
    title: '村(社区)',
    key: 'village',
    render: (_: unknown, c: CaseSearchItem) => `${c.townshipName}${c.villageName}`,
  },
  {
    title: '阶段',
    key: 'stage',
    render: (_: unknown, c: CaseSearchItem) => (
      <Tag color={c.status === 'open' ? 'geekblue' : 'default'}>
        {c.stageLabel}
        {c.status === 'closed' ? `（${c.statusLabel}）` : ''}
      </Tag>
    ),
  },
  {
    title: '待办',
    key: 'openTasks',
    render: (_: unknown, c: CaseSearchItem) => c.openTasks.map((t) => t.kindLabel).join('、') || '—',
  },
  {
    title: '纳入渠道',
    dataIndex: 'channel',
    key: 'channel',
    render: (ch: CaseSearchItem['channel']) => INTAKE_CHANNEL_LABELS[ch],
  },
  { title: '登记人', key: 'enteredBy', render: (_: unknown, c: CaseSearchItem) => c.enteredBy.name ?? '—' },
  { title: '登记时间', dataIndex: 'createdAt', key: 'createdAt', render: formatTime },
];

export function CaseSearchPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const [form] = Form.useForm<FormValues>();
  const filters = queryFromForm(formFromUrl(params));
  const pages = useKeysetPages(params.toString());
  // Back and forward through searches show their filters in the form.
  const search = params.toString();
  useEffect(() => form.setFieldsValue(formFromUrl(new URLSearchParams(search))), [form, search]);
  const page = useCaseSearch({ ...filters, ...(pages.cursor ? { cursor: pages.cursor } : {}) });

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card title="案件查询">
        <Form<FormValues>
          form={form}
          layout="vertical"
          initialValues={formFromUrl(params)}
          onFinish={(values) => setParams(urlFromQuery(queryFromForm(values)))}
        >
          <Row gutter={16}>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="headName" label="户主姓名" rules={[{ max: 50, message: '至多 50 个字' }]}>
                <Input allowClear maxLength={50} placeholder="包含即可" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item
                name="idNumber"
                label="身份证号码"
                extra="精确匹配任一家庭成员；按身份证号查询将记入留痕"
                {...idNumberItemProps(false)}
              >
                <IdNumberInput allowClear />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="jurisdictionId" label="辖区">
                <JurisdictionTreeSelect />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="stage" label="阶段">
                <Select
                  allowClear
                  placeholder="全部阶段"
                  options={CASE_STAGES.map((stage) => ({ value: stage, label: STAGE_LABELS[stage] }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} lg={4}>
              <Form.Item name="status" label="状态">
                <Select
                  allowClear
                  placeholder="全部"
                  options={Object.entries(CASE_STATUS_LABELS).map(([value, label]) => ({ value, label }))}
                />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} lg={4}>
              <Form.Item name="urgent" label="紧急">
                <Select
                  allowClear
                  placeholder="全部"
                  options={[
                    { value: 'true', label: '紧急' },
                    { value: 'false', label: '非紧急' },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item name="created" label="登记日期">
                <DatePicker.RangePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={8}>
              <Form.Item label=" " colon={false}>
                <Space wrap>
                  <Form.Item name="initiatedByMe" valuePropName="checked" noStyle>
                    <Checkbox>我发起的</Checkbox>
                  </Form.Item>
                  <SearchButtons
                    onReset={() => {
                      form.setFieldsValue(formFromUrl(new URLSearchParams()));
                      setParams({});
                    }}
                  />
                </Space>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      <Card>
        <KeysetTable<CaseSearchItem>
          query={page}
          pages={pages}
          columns={columns}
          scroll={{ x: 'max-content' }}
          emptyText="没有符合条件的案件"
          onRow={(c) => ({ onClick: () => navigate(`/cases/${c.id}`), style: { cursor: 'pointer' } })}
        />
      </Card>
    </Space>
  );
}
