// 纳入 the three ways a household enters: 个人申报 (POST /cases, with its causes and the signed consent),
// 部门预警 (POST /cases/referrals) and 监测预警 (POST /cases/alerts). All record the household (HouseholdDto);
// each adds its own fields. The rules mirror the DTOs'; what the server still refuses lands on its field.

import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Switch,
} from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { MEMBER_RELATIONS, POVERTY_CAUSES, type MemberRelation } from '@libs/domain';
import { ApiError, api, unwrap, type Schemas } from '../api/client';
import { attemptKey } from '../shared/attempt-key';
import { IdNumberInput, idNumberItemProps, normalizeIdNumber } from '../shared/id-number-input';
import { showServerErrors } from '../shared/server-errors';
import { useJurisdictions } from './case-api';
import { clearDraft, readDraft, saveDraft } from '../shared/draft';
import { VillageSelect } from './jurisdiction-pickers';
import {
  ALERT_KIND_LABELS,
  MEMBER_RELATION_LABELS as RELATION_LABELS,
  POVERTY_CAUSE_LABELS,
  REFERRAL_CATEGORY_LABELS,
} from '@libs/domain';
import { requiredText } from '../shared/text-rules';

export type IntakeChannel = 'application' | 'referral' | 'monitoringAlert';

type Household = Omit<Schemas['CreateCaseDto'], 'povertyCauses' | 'dataConsent'>;
/** The form's values: the household and whichever channel's own fields; all JSON, so a draft keeps them. */
type Values = Household &
  Partial<Pick<Schemas['CreateCaseDto'], 'povertyCauses' | 'dataConsent'>> &
  Partial<Pick<Schemas['ReferralDto'], 'category' | 'detail'>> &
  Partial<Pick<Schemas['MonitoringAlertDto'], 'kind'>>;

const TITLES: Record<IntakeChannel, string> = {
  application: '新建申请（个人申报）',
  referral: '部门转介（部门预警）',
  monitoringAlert: '监测预警',
};

function submit(channel: IntakeChannel, values: Values, key: string) {
  const params = { header: { 'idempotency-key': key } };
  const household: Household = {
    villageId: values.villageId,
    address: values.address.trim(),
    phone: values.phone?.trim() || undefined,
    urban: values.urban ?? false,
    urgent: values.urgent ?? false,
    members: values.members.map((m) => ({
      ...m,
      name: m.name.trim(),
      idNumber: normalizeIdNumber(m.idNumber),
    })),
  };
  switch (channel) {
    case 'application':
      return unwrap(
        api.POST('/cases', {
          params,
          body: { ...household, povertyCauses: values.povertyCauses!, dataConsent: values.dataConsent! },
        }),
      );
    case 'referral':
      return unwrap(
        api.POST('/cases/referrals', {
          params,
          body: { ...household, category: values.category!, detail: values.detail! },
        }),
      );
    case 'monitoringAlert':
      return unwrap(
        api.POST('/cases/alerts', {
          params,
          body: { ...household, kind: values.kind!, detail: values.detail! },
        }),
      );
  }
}

const NEW_MEMBER = { name: '', idNumber: '', relation: undefined, annualIncome: undefined };
const relationOptions = MEMBER_RELATIONS.map((r) => ({ value: r, label: RELATION_LABELS[r] }));

// 签署日期 is kept as YYYY-MM-DD in the form (and the draft), shown in a DatePicker.
const dateItemProps = {
  getValueProps: (value?: string) => ({ value: value ? dayjs(value) : undefined }),
  normalize: (value?: Dayjs | null) => value?.format('YYYY-MM-DD'),
};

export function IntakePage({ channel }: { channel: IntakeChannel }) {
  const [form] = Form.useForm<Values>();
  const [banner, setBanner] = useState<string>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const places = useJurisdictions();
  const [initialValues] = useState<Partial<Values>>(
    () =>
      readDraft<Values>(`caseDraft.${channel}`) ?? {
        members: [{ ...NEW_MEMBER, relation: 'head' } as unknown as Values['members'][number]],
        urban: false,
        urgent: false,
      },
  );

  // A caseworker has one village: it is the household's.
  const villages = places.data?.filter((p) => p.level === 'village') ?? [];
  const onlyVillage = villages.length === 1 ? villages[0].id : undefined;
  useEffect(() => {
    if (onlyVillage && !form.getFieldValue('villageId')) form.setFieldValue('villageId', onlyVillage);
  }, [form, onlyVillage]);

  // One key per attempt: a resend after a lost answer is the same attempt, answered with the case it made; a
  // refused one (4xx) makes the next a new attempt. Set at once on submit, so a double click sends once.
  const key = useRef(attemptKey());
  const submitting = useRef(false);
  const create = useMutation({
    mutationFn: (values: Values) => submit(channel, values, key.current),
    onMutate: () => setBanner(undefined),
    onSuccess: async (created) => {
      clearDraft(`caseDraft.${channel}`);
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
      void navigate(`/cases/${created.id}`, { replace: true });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) key.current = attemptKey();
      setBanner(showServerErrors(form, error));
    },
    onSettled: () => {
      submitting.current = false;
    },
  });

  return (
    <Card title={TITLES[channel]}>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onValuesChange={(_, all) => saveDraft(`caseDraft.${channel}`, all)}
        onFinish={(values) => {
          if (submitting.current) return;
          submitting.current = true;
          create.mutate(values);
        }}
        scrollToFirstError
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="villageId"
              label="村(社区)"
              rules={[{ required: true, message: '请选择村(社区)' }]}
            >
              <VillageSelect />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="address"
              label="家庭住址"
              rules={requiredText('请填写家庭住址', { min: 2, max: 200 })}
            >
              <Input maxLength={200} placeholder="如：东里镇东里东村3组17号" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="phone"
              label="联系电话"
              rules={[{ pattern: /^(1\d{10}|0\d{2,3}-?\d{7,8})$/, message: '电话号码格式不正确' }]}
            >
              <Input inputMode="tel" maxLength={13} placeholder="手机或固定电话（选填）" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="urban" label="城镇家庭" valuePropName="checked">
              <Switch checkedChildren="城镇" unCheckedChildren="农村" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="urgent" label="特事特办" valuePropName="checked">
              <Switch checkedChildren="紧急" unCheckedChildren="否" />
            </Form.Item>
          </Col>
        </Row>

        <MembersFields />

        {channel === 'application' && (
          <>
            <Form.Item
              name="povertyCauses"
              label="致贫原因"
              rules={[{ required: true, type: 'array', min: 1, message: '至少选择一项致贫原因' }]}
            >
              <Checkbox.Group
                options={POVERTY_CAUSES.map((cause) => ({
                  value: cause,
                  label: POVERTY_CAUSE_LABELS[cause],
                }))}
              />
            </Form.Item>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item
                  name={['dataConsent', 'signed']}
                  valuePropName="checked"
                  rules={[
                    {
                      validator: async (_, signed) => {
                        if (signed !== true) throw new Error('须签署授权承诺书后才能申请');
                      },
                    },
                  ]}
                >
                  <Checkbox>申请人已签署授权承诺书（同意查询家庭及直系亲属信息）</Checkbox>
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name={['dataConsent', 'signedAt']}
                  label="签署日期"
                  rules={[{ required: true, message: '请选择签署日期' }]}
                  {...dateItemProps}
                >
                  <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
                </Form.Item>
              </Col>
            </Row>
          </>
        )}
        {channel === 'referral' && (
          <Form.Item name="category" label="预警类别" rules={[{ required: true, message: '请选择预警类别' }]}>
            <Radio.Group
              options={Object.entries(REFERRAL_CATEGORY_LABELS).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
        )}
        {channel === 'monitoringAlert' && (
          <Form.Item name="kind" label="预警对象" rules={[{ required: true, message: '请选择预警对象' }]}>
            <Radio.Group
              options={Object.entries(ALERT_KIND_LABELS).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
        )}
        {channel !== 'application' && (
          <Form.Item
            name="detail"
            label="预警情况"
            rules={requiredText('请填写预警情况', { min: 2, max: 2000 })}
          >
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>
        )}

        {banner && <Alert type="error" showIcon message={banner} style={{ marginBottom: 16 }} />}
        <Space>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            提交
          </Button>
          <Button
            disabled={create.isPending}
            onClick={() => {
              clearDraft(`caseDraft.${channel}`);
              form.resetFields();
            }}
          >
            清空
          </Button>
        </Space>
      </Form>
    </Card>
  );
}

/** 家庭成员 (户主 among them): one card each, so that the form reads on a phone in the household. */
function MembersFields() {
  return (
    <Form.List
      name="members"
      rules={[
        {
          validator: async (_, members?: { relation?: MemberRelation }[]) => {
            if (!members?.length) throw new Error('至少登记一名家庭成员');
            if (members.filter((m) => m?.relation === 'head').length !== 1)
              throw new Error('须有且只有一名户主');
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Form.Item label="家庭成员" required>
          <Space direction="vertical" style={{ width: '100%' }}>
            {fields.map((field, index) => (
              <Card
                key={field.key}
                size="small"
                title={`成员 ${index + 1}`}
                extra={
                  fields.length > 1 && (
                    <Button
                      type="text"
                      danger
                      size="small"
                      icon={<DeleteOutlined />}
                      aria-label={`删除成员 ${index + 1}`}
                      onClick={() => remove(field.name)}
                    />
                  )
                }
              >
                <Row gutter={12}>
                  <Col xs={24} sm={12} lg={5}>
                    <Form.Item
                      name={[field.name, 'name']}
                      label="姓名"
                      rules={requiredText('请填写姓名', { max: 50 })}
                    >
                      <Input maxLength={50} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12} lg={8}>
                    <Form.Item name={[field.name, 'idNumber']} label="身份证号码" {...idNumberItemProps()}>
                      <IdNumberInput />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={12} lg={5}>
                    <Form.Item
                      name={[field.name, 'relation']}
                      label="与户主关系"
                      rules={[{ required: true, message: '请选择' }]}
                    >
                      <Select options={relationOptions} placeholder="选择" />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={12} lg={6}>
                    <Form.Item
                      name={[field.name, 'annualIncome']}
                      label="上年度收入（元）"
                      rules={[{ required: true, message: '请填写收入，无收入填 0' }]}
                    >
                      <InputNumber
                        min={0}
                        max={10_000_000}
                        precision={2}
                        style={{ width: '100%' }}
                        inputMode="decimal"
                      />
                    </Form.Item>
                  </Col>
                </Row>
              </Card>
            ))}
            <Form.ErrorList errors={errors} />
            <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ ...NEW_MEMBER })}>
              添加家庭成员
            </Button>
          </Space>
        </Form.Item>
      )}
    </Form.List>
  );
}
