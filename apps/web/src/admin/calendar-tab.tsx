// 节假日 the holiday calendar by year, as the deadlines count working days: a day off (放假) and a weekend day
// worked (调休上班). The year's twelve months are shown; a click on a day changes it (working day → 放假 →
// 调休上班 on a weekend → back), and the year is saved whole.

import { Alert, App, Button, Col, Form, InputNumber, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { calendarProblems, isWeekend } from '@libs/domain';
import { ApiError } from '../api/client';
import { ReasonItem, type ReasonField } from '../shared/form-modal';
import { type HolidayCalendar, useHolidayCalendars, usePutHolidayCalendar } from './admin-api';

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];
const thisYear = () => new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
const pad = (n: number) => String(n).padStart(2, '0');
const dateTime = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }).slice(0, -3);

type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted';

const DAY_STYLE: Record<DayKind, React.CSSProperties> = {
  workday: {},
  weekend: { color: '#8c8c8c' },
  holiday: { background: '#ff4d4f', color: '#fff' },
  adjusted: { background: '#1677ff', color: '#fff' },
};

export function CalendarTab() {
  const calendars = useHolidayCalendars();
  const [year, setYear] = useState(thisYear());
  const [added, setAdded] = useState<number[]>([]);
  const years = useMemo(
    () =>
      [
        ...new Set([...(calendars.data ?? []).map((c) => c.year), thisYear(), thisYear() + 1, ...added]),
      ].sort(),
    [calendars.data, added],
  );
  const [newYear, setNewYear] = useState<number | null>(null);

  if (calendars.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (calendars.error) return <Alert type="error" showIcon message={calendars.error.message} />;
  const current = calendars.data.find((c) => c.year === year);
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label="年份"
          style={{ width: 140 }}
          value={year}
          onChange={setYear}
          options={years.map((y) => ({
            value: y,
            label: `${y} 年${calendars.data.some((c) => c.year === y) ? '' : '（未录入）'}`,
          }))}
        />
        <InputNumber
          aria-label="其他年份"
          placeholder="其他年份"
          min={2000}
          max={2100}
          precision={0}
          value={newYear}
          onChange={setNewYear}
          style={{ width: 120 }}
        />
        <Button
          disabled={newYear === null}
          onClick={() => {
            if (newYear === null) return;
            setAdded((a) => [...a, newYear]);
            setYear(newYear);
            setNewYear(null);
          }}
        >
          打开
        </Button>
      </Space>
      <YearEditor key={`${year}:${current?.updatedAt ?? ''}`} year={year} current={current} />
    </>
  );
}

function YearEditor({ year, current }: { year: number; current?: HolidayCalendar }) {
  const { message } = App.useApp();
  const put = usePutHolidayCalendar();
  const [holidays, setHolidays] = useState(() => new Set(current?.holidays ?? []));
  const [adjusted, setAdjusted] = useState(() => new Set(current?.adjustedWorkdays ?? []));
  const [problems, setProblems] = useState<string[]>([]);
  const changed =
    JSON.stringify([...holidays].sort()) !== JSON.stringify([...(current?.holidays ?? [])].sort()) ||
    JSON.stringify([...adjusted].sort()) !== JSON.stringify([...(current?.adjustedWorkdays ?? [])].sort());

  const kindOf = (date: string): DayKind =>
    holidays.has(date)
      ? 'holiday'
      : adjusted.has(date)
        ? 'adjusted'
        : isWeekend(date)
          ? 'weekend'
          : 'workday';

  /** 工作日 → 放假 → (周末) 调休上班 → 原样. */
  function toggle(date: string) {
    const kind = kindOf(date);
    const nextHolidays = new Set(holidays);
    const nextAdjusted = new Set(adjusted);
    if (kind === 'holiday') {
      nextHolidays.delete(date);
      if (isWeekend(date)) nextAdjusted.add(date);
    } else if (kind === 'adjusted') {
      nextAdjusted.delete(date);
    } else {
      nextHolidays.add(date);
    }
    setHolidays(nextHolidays);
    setAdjusted(nextAdjusted);
  }

  async function save({ reason }: ReasonField) {
    const body = { holidays: [...holidays].sort(), adjustedWorkdays: [...adjusted].sort() };
    const found = calendarProblems({ year, ...body });
    setProblems(found);
    if (found.length > 0) return;
    try {
      await put.mutateAsync({ year, body: { ...body, reason } });
      void message.success(`已保存 ${year} 年节假日安排`);
    } catch (e) {
      setProblems(
        e instanceof ApiError && e.errors.length > 0
          ? e.errors.map((p) => p.message)
          : [e instanceof Error ? e.message : '保存失败，请稍后重试'],
      );
    }
  }

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Tag color="red">放假 {holidays.size} 天</Tag>
        <Tag color="blue">调休上班 {adjusted.size} 天</Tag>
        <Typography.Text type="secondary">
          {current
            ? `最近修改：${dateTime(current.updatedAt)} ${current.updatedBy?.displayName ?? ''}`
            : `${year} 年尚未录入：未录入的年份只按周末计算工作日`}
        </Typography.Text>
      </Space>
      <Typography.Paragraph type="secondary">
        点击日期切换：工作日 → 放假；周末 → 放假 → 调休上班 →
        恢复。办理时限按工作日计算，据此跳过放假日、计入调休上班日。
      </Typography.Paragraph>
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          message={`${year} 年节假日安排有误`}
          description={problems.join('；')}
          style={{ marginBottom: 16 }}
        />
      )}
      <Row gutter={[16, 16]}>
        {Array.from({ length: 12 }, (_, m) => (
          <Col key={m} xs={24} sm={12} lg={8} xl={6}>
            <Month year={year} month={m} kindOf={kindOf} onToggle={toggle} />
          </Col>
        ))}
      </Row>
      <Form<ReasonField>
        name="calendar"
        layout="vertical"
        onFinish={(values) => void save(values)}
        style={{ marginTop: 16, maxWidth: 600 }}
      >
        <ReasonItem />
        <Button type="primary" htmlType="submit" disabled={!changed} loading={put.isPending}>
          保存 {year} 年节假日安排
        </Button>
      </Form>
    </>
  );
}

function Month({
  year,
  month,
  kindOf,
  onToggle,
}: {
  year: number;
  month: number;
  kindOf: (date: string) => DayKind;
  onToggle: (date: string) => void;
}) {
  const days = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  // Monday first: the blank cells before the 1st.
  const lead = (new Date(Date.UTC(year, month, 1)).getUTCDay() + 6) % 7;
  const cells: (string | null)[] = [
    ...Array<null>(lead).fill(null),
    ...Array.from({ length: days }, (_, d) => `${year}-${pad(month + 1)}-${pad(d + 1)}`),
  ];
  return (
    <div style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 8 }}>
      <Typography.Text strong>{month + 1} 月</Typography.Text>
      <div
        role="grid"
        aria-label={`${year} 年 ${month + 1} 月`}
        style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, marginTop: 4 }}
      >
        {WEEKDAYS.map((w) => (
          <div key={w} style={{ textAlign: 'center', fontSize: 12, color: '#8c8c8c' }}>
            {w}
          </div>
        ))}
        {cells.map((date, i) => {
          if (!date) return <div key={`blank-${i}`} />;
          const kind = kindOf(date);
          const label = { workday: '', weekend: '', holiday: '放假', adjusted: '调休上班' }[kind];
          return (
            <button
              key={date}
              type="button"
              title={`${date}${label ? ` ${label}` : ''}`}
              aria-label={`${date}${label ? ` ${label}` : ''}`}
              onClick={() => onToggle(date)}
              style={{
                border: 'none',
                borderRadius: 4,
                padding: '2px 0',
                fontSize: 12,
                cursor: 'pointer',
                background: 'transparent',
                ...DAY_STYLE[kind],
              }}
            >
              {Number(date.slice(8))}
            </button>
          );
        })}
      </div>
    </div>
  );
}
