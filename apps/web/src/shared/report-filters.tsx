// The filters above a report the server exports (台账, 比对命中排除): the place, the report's own filters,
// the export at the right, and an export's failure below.

import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Col, DatePicker, Form, Row, Space } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { JurisdictionTreeSelect } from '../cases/jurisdiction-pickers';

interface ReportFiltersProps {
  /** Prefixes the fields' ids (`${id}-place`), which their labels point to. */
  id: string;
  place: string | undefined;
  onPlace: (place: string | undefined) => void;
  exporting: Exporting;
  onExport: () => void;
  /** The export button's text, as the file the server writes. */
  exportLabel?: string;
  /** Said beside the export button (the days a period covers). */
  note?: ReactNode;
  /** The report's own filters, each in a column. */
  children: ReactNode;
}

export function ReportFilters({
  id,
  place,
  onPlace,
  exporting,
  onExport,
  exportLabel = '导出 CSV',
  note,
  children,
}: ReportFiltersProps) {
  return (
    <>
      <Form layout="vertical">
        <Row gutter={16} align="bottom">
          <Col xs={24} sm={12} lg={7}>
            <Form.Item label="辖区" htmlFor={`${id}-place`}>
              <JurisdictionTreeSelect
                id={`${id}-place`}
                value={place}
                onChange={(value) => onPlace(value || undefined)}
              />
            </Form.Item>
          </Col>
          {children}
          <Col flex="auto">
            <Form.Item>
              <Space wrap style={{ justifyContent: 'flex-end', width: '100%' }}>
                {note}
                <ExportButton exporting={exporting} onClick={onExport}>
                  {exportLabel}
                </ExportButton>
              </Space>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <ExportFailure exporting={exporting} />
    </>
  );
}

/** What an export button shows of the download in progress, and what went wrong with the last one. */
interface Exporting {
  isPending: boolean;
  error: Error | null;
}

/** 导出 one file the server writes, busy while a download runs. */
export function ExportButton({
  exporting,
  onClick,
  children,
}: {
  exporting: Exporting;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <Button icon={<DownloadOutlined />} loading={exporting.isPending} onClick={onClick}>
      {children}
    </Button>
  );
}

/** 导出失败 the last export's error, below the filters. */
export function ExportFailure({ exporting }: { exporting: Exporting }) {
  return (
    exporting.error && (
      <Alert
        type="error"
        showIcon
        style={{ marginBottom: 16 }}
        message={`导出失败：${exporting.error.message}`}
      />
    )
  );
}

/** A range of days as a column of the filters; both ends or neither. */
export function DayRangeFilter({
  id,
  label,
  from,
  to,
  onChange,
}: {
  id: string;
  label: string;
  from: string | undefined;
  to: string | undefined;
  onChange: (range: { from?: string; to?: string }) => void;
}) {
  return (
    <Col xs={24} sm={12} lg={7}>
      <Form.Item label={label} htmlFor={id}>
        <DatePicker.RangePicker
          id={{ start: id }}
          style={{ width: '100%' }}
          value={from && to ? [dayjs(from), dayjs(to)] : null}
          onChange={(range) =>
            onChange({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })
          }
        />
      </Form.Item>
    </Col>
  );
}
