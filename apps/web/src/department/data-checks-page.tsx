// 数据比对 the department's data-check requests: download them all as the 比对请求表 workbook, upload it filled
// in, read what the upload did; or answer a household on its task page.

import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Typography, Upload } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { DepartmentTaskTable } from './department-task-table';
import { type DepartmentTask, useDownloadWorkbook, useUploadWorkbook } from './department-tasks';
import { UploadReport } from './upload-report';

const XLSX = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function DataChecksPage() {
  const queryClient = useQueryClient();
  const download = useDownloadWorkbook();
  const upload = useUploadWorkbook();

  // The households of the listed requests when the file is sent: the answered ones leave the list after.
  const send = (file: File) =>
    upload.mutate({
      file,
      households: new Map(
        queryClient
          .getQueriesData<{ items: DepartmentTask[] }>({
            queryKey: ['tasks', 'department', 'dataCheckAnswer'],
          })
          .flatMap(([, page]) => page?.items ?? [])
          .map((task) => [task.id, task.householdHead ?? task.id]),
      ),
    });

  return (
    <>
      <Card
        title="数据比对"
        style={{ marginBottom: 16 }}
        extra={
          <Space wrap>
            <Button
              icon={<DownloadOutlined />}
              loading={download.isPending}
              onClick={() => download.mutate()}
            >
              下载比对请求表
            </Button>
            <Upload
              accept={XLSX}
              showUploadList={false}
              beforeUpload={(file) => {
                send(file);
                return false;
              }}
            >
              <Button type="primary" icon={<UploadOutlined />} loading={upload.isPending}>
                上传比对结果
              </Button>
            </Upload>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">
          {`下载比对请求表（含本部门全部待比对的家庭成员及完整身份证号，下载记入留痕），在「比对结果」列填写「有」或「无」，有命中的填写命中类别和情况说明，上传后全体成员都已填写的户自动办结。也可以点击「逐户办理」在任务页单独反馈。`}
        </Typography.Paragraph>
        {download.isError && (
          <Alert type="error" showIcon style={{ marginBottom: 16 }} message={download.error.message} />
        )}
        {upload.isError && (
          <Alert type="error" showIcon style={{ marginBottom: 16 }} message={upload.error.message} />
        )}
        <DepartmentTaskTable
          kind="dataCheckAnswer"
          caption="待比对的请求"
          action="逐户办理"
          columns={[
            {
              title: '待比对成员',
              key: 'members',
              render: (_, task) => {
                const members = (task.payload as { members?: unknown[] } | null)?.members;
                return members ? `${members.length} 人` : '—';
              },
            },
          ]}
        />
      </Card>
      {upload.data && upload.variables && (
        <UploadReport report={upload.data} households={upload.variables.households} />
      )}
    </>
  );
}
