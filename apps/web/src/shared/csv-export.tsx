// 导出 CSV beside a list's filters, and the failure said above the list.

import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';

interface Export {
  isPending: boolean;
  error: Error | null;
}

export function CsvExportButton({ exporting, onExport }: { exporting: Export; onExport: () => void }) {
  return (
    <Button icon={<DownloadOutlined />} loading={exporting.isPending} onClick={onExport}>
      导出 CSV
    </Button>
  );
}

export function CsvExportFailure({ exporting }: { exporting: Export }) {
  if (!exporting.error) return null;
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      message={`导出失败：${exporting.error.message}`}
    />
  );
}
