// 制定帮扶计划 the 1+N plan: the 1 (兜底保障, the safety net, 防贫保险 with its covers) and the N (行业帮扶, the
// sectors' measures), each carried out by a department; 渐退期 and 单人保 where the household needs them.
// Rules mirror SupportPlanFormDto and supportPlanProblems (apps/api/src/tasks/forms).

import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import type { FormInstance } from 'antd';
import type { ComponentProps, ReactNode } from 'react';
import {
  DEPARTMENT_LABELS,
  DEPARTMENTS,
  INSURANCE_COVER_LABELS,
  INSURANCE_COVERS,
  SAFETY_NET_DEPARTMENT,
  SAFETY_NET_LABELS,
  SAFETY_NET_TYPES,
  SECTOR_MEASURE_LABELS,
  SECTOR_MEASURES,
  type SafetyNetType,
} from '@libs/domain';
import type { TaskFormProps } from '../form-props';
import { AmountField, type FieldName, labelOptions, textRules } from './fields';
import { useRevealedMembers } from './revealed-members';

const SAFETY_NET = ['form', 'safetyNet'];
const SECTOR_MEASURES_FIELD = ['form', 'sectorMeasures'];
const INDIVIDUAL_COVERAGE = ['form', 'individualCoverage'];

const DEPARTMENT_OPTIONS = labelOptions(DEPARTMENT_LABELS, DEPARTMENTS);
const COVERAGE_REASONS = [
  { value: 'severeDisability', label: '重度残疾' },
  { value: 'seriousIllness', label: '重病' },
];

/** A removable item of one of the plan's lists, titled with its number. */
function ItemCard({
  title,
  onRemove,
  children,
}: {
  title: string;
  onRemove: () => void;
  children: ReactNode;
}) {
  return (
    <Card
      size="small"
      title={title}
      style={{ marginBottom: 12 }}
      extra={
        <Button type="text" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={`删除${title}`}>
          删除
        </Button>
      }
    >
      {children}
    </Card>
  );
}

/** One of the plan's lists: its items as numbered cards, then the list's own error and an add button. */
function ItemList({
  name,
  title,
  addLabel,
  max,
  rules,
  item,
}: {
  name: FieldName;
  title: string;
  addLabel: string;
  max: number;
  rules?: ComponentProps<typeof Form.List>['rules'];
  item: (index: number) => ReactNode;
}) {
  return (
    <Form.List name={name} initialValue={[]} rules={rules}>
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((field, i) => (
            <ItemCard key={field.key} title={`${title} ${i + 1}`} onRemove={() => remove(field.name)}>
              {item(field.name)}
            </ItemCard>
          ))}
          <Form.ErrorList errors={errors} />
          {fields.length < max && (
            <Button icon={<PlusOutlined />} onClick={() => add()} style={{ marginBottom: 24 }}>
              {addLabel}
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}

/** 落实部门: the department that carries an item out. */
function DepartmentField({ index }: { index: number }) {
  return (
    <Form.Item
      name={[index, 'department']}
      label="落实部门"
      rules={[{ required: true, message: '请选择部门' }]}
    >
      <Select options={DEPARTMENT_OPTIONS} placeholder="请选择" showSearch optionFilterProp="label" />
    </Form.Item>
  );
}

function SafetyNetItem({ form, index }: { form: FormInstance; index: number }) {
  const at = (field: string): FieldName => [...SAFETY_NET, index, field];
  const type = Form.useWatch(at('type'), form) as SafetyNetType | undefined;
  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Form.Item
          name={[index, 'type']}
          label="兜底保障类型"
          rules={[{ required: true, message: '请选择类型' }]}
        >
          <Select
            options={labelOptions(SAFETY_NET_LABELS, SAFETY_NET_TYPES)}
            placeholder="请选择"
            onChange={(value: SafetyNetType) => {
              // Only 防贫保险 has covers (the server refuses them on the others); the department follows the type.
              form.setFieldValue(at('covers'), value === 'povertyInsurance' ? [] : undefined);
              form.setFieldValue(at('department'), SAFETY_NET_DEPARTMENT[value]);
            }}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <DepartmentField index={index} />
      </Col>
      <Col xs={24} md={8}>
        <AmountField name={[index, 'monthlyAmount']} label="每月金额" />
      </Col>
      {type === 'povertyInsurance' && (
        <Col span={24}>
          <Form.Item
            name={[index, 'covers']}
            label="保障类型"
            rules={[{ required: true, type: 'array', min: 1, message: '防贫保险须选择至少一项保障类型' }]}
          >
            <Checkbox.Group options={labelOptions(INSURANCE_COVER_LABELS, INSURANCE_COVERS)} />
          </Form.Item>
        </Col>
      )}
      <Col span={24}>
        <Form.Item name={[index, 'note']} label="说明" rules={textRules(1000)}>
          <Input maxLength={1000} />
        </Form.Item>
      </Col>
    </Row>
  );
}

function SectorMeasureItem({ index }: { index: number }) {
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item
          name={[index, 'sector']}
          label="帮扶类别"
          rules={[{ required: true, message: '请选择类别' }]}
        >
          <Select options={labelOptions(SECTOR_MEASURE_LABELS, SECTOR_MEASURES)} placeholder="请选择" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <DepartmentField index={index} />
      </Col>
      <Col span={24}>
        <Form.Item name={[index, 'description']} label="措施内容" rules={textRules(500, 2)}>
          <Input.TextArea rows={2} maxLength={500} showCount placeholder="如：推荐到县城物流园务工" />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** 单人保: members covered alone, chosen by name; their full ID numbers are revealed only once one is added. */
function IndividualCoverage({ form, caseId }: { form: FormInstance; caseId: string }) {
  const count = (Form.useWatch(INDIVIDUAL_COVERAGE, form) as unknown[] | undefined)?.length ?? 0;
  const members = useRevealedMembers(caseId, '制定帮扶计划：选择单人保成员', count > 0);
  const options = (members.data ?? []).map((m) => ({
    value: m.idNumber,
    label: `${m.name}（${m.idNumber}）`,
  }));
  return (
    <Form.List
      name={INDIVIDUAL_COVERAGE}
      rules={[
        {
          validator: async (_, items?: { idNumber?: string }[]) => {
            const ids = (items ?? []).map((i) => i?.idNumber).filter(Boolean);
            if (new Set(ids).size !== ids.length) throw new Error('同一成员只能填写一次');
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((field) => (
            <Space key={field.key} align="start" wrap style={{ display: 'flex' }}>
              <Form.Item
                name={[field.name, 'idNumber']}
                label="成员"
                rules={[{ required: true, message: '请选择成员' }]}
              >
                <Select
                  options={options}
                  loading={members.isPending}
                  placeholder="请选择"
                  style={{ width: 300 }}
                />
              </Form.Item>
              <Form.Item
                name={[field.name, 'reason']}
                label="原因"
                rules={[{ required: true, message: '请选择' }]}
              >
                <Radio.Group options={COVERAGE_REASONS} />
              </Form.Item>
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                onClick={() => {
                  remove(field.name);
                  // The server takes no empty list here: with nobody left, the field is not sent at all.
                  if (fields.length === 1) form.setFieldValue(INDIVIDUAL_COVERAGE, undefined);
                }}
                aria-label="删除单人保成员"
              />
            </Space>
          ))}
          {members.isError && <Typography.Text type="danger">{members.error.message}</Typography.Text>}
          <Form.ErrorList errors={errors} />
          {fields.length < 30 && (
            <Button icon={<PlusOutlined />} onClick={() => add()}>
              添加单人保成员
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}

export default function SupportPlanForm({ form, task }: TaskFormProps) {
  return (
    <>
      <Typography.Title level={5}>「1」兜底保障</Typography.Title>
      <ItemList
        name={SAFETY_NET}
        title="兜底保障"
        addLabel="添加兜底保障"
        max={10}
        item={(index) => <SafetyNetItem form={form} index={index} />}
      />

      <Typography.Title level={5}>「N」行业帮扶措施</Typography.Title>
      <ItemList
        name={SECTOR_MEASURES_FIELD}
        title="帮扶措施"
        addLabel="添加帮扶措施"
        max={20}
        rules={[
          {
            validator: async (_, items?: unknown[]) => {
              const safetyNet = (form.getFieldValue(SAFETY_NET) as unknown[] | undefined) ?? [];
              if (safetyNet.length + (items?.length ?? 0) === 0) {
                throw new Error('帮扶计划至少须有一项兜底保障或行业帮扶措施');
              }
            },
          },
        ]}
        item={(index) => <SectorMeasureItem index={index} />}
      />

      <Typography.Title level={5}>渐退期与单人保</Typography.Title>
      <Form.Item
        name={['form', 'gradualExitMonths']}
        label="渐退期（月）"
        extra="低保家庭收入在标准 1–2 倍之间时填写"
        rules={[{ type: 'integer', min: 0, max: 24, message: '应为 0–24 的整数（月）' }]}
      >
        <InputNumber min={0} max={24} precision={0} addonAfter="个月" style={{ width: 180 }} />
      </Form.Item>
      <IndividualCoverage form={form} caseId={task.caseId} />
    </>
  );
}
