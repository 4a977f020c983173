// 村内公示 posting the public notice: from when and where it hangs. The notice period is the county's policy
// (the task's payload); objections during it open investigations. Rules mirror PublicNoticeFormDto.

import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Form } from 'antd';
import { useNavigate } from 'react-router-dom';
import { parseDuration } from '@libs/domain';
import type { TaskFormProps } from './form-props';
import { PastDateField, TextAreaField } from './support/fields';

const UNITS = [
  ['years', '年'],
  ['months', '个月'],
  ['days', '天'],
  ['hours', '小时'],
  ['minutes', '分钟'],
  ['seconds', '秒'],
] as const;

/** An ISO 8601 duration (P7D) as Chinese (7天). */
function durationText(text: string): string {
  const duration = parseDuration(text);
  if (!duration) return text;
  return UNITS.filter(([unit]) => duration[unit] > 0)
    .map(([unit, label]) => `${duration[unit]}${label}`)
    .join('');
}

/** 打印公示名单: the sheet with this form's date and place (kept in the task's draft meanwhile). */
function PrintSheetButton({ taskId, form }: { taskId: string; form: TaskFormProps['form'] }) {
  const navigate = useNavigate();
  const startsOn = Form.useWatch<string | undefined>(['form', 'startsOn'], form);
  const place = Form.useWatch<string | undefined>(['form', 'place'], form)?.trim();
  const ready = Boolean(startsOn) && (place?.length ?? 0) >= 2;
  return (
    <Form.Item extra={ready ? undefined : '填写公示开始日期和公示地点后可打印'}>
      <Button
        icon={<PrinterOutlined />}
        disabled={!ready}
        onClick={() =>
          navigate(
            `/tasks/${encodeURIComponent(taskId)}/notice-sheet?${new URLSearchParams({ startsOn: startsOn!, place: place! })}`,
          )
        }
      >
        打印公示名单
      </Button>
    </Form.Item>
  );
}

export default function PublicNoticeForm({ task, form }: TaskFormProps) {
  const period = (task.payload as { period?: string } | null)?.period;
  return (
    <>
      {period && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={`公示期 ${durationText(period)}：公示期内群众可提出异议，期满无异议（或异议不成立）后报镇(街道)审核`}
        />
      )}
      <PastDateField name={['form', 'startsOn']} label="公示开始日期" required />
      <TextAreaField
        name={['form', 'place']}
        label="公示地点"
        min={2}
        max={200}
        rows={1}
        placeholder="如：东里东村村务公开栏"
      />
      {task.status === 'open' && <PrintSheetButton taskId={task.id} form={form} />}
    </>
  );
}
