// 附件 the case's attachments (survey photos, evidence): the list, and each file downloaded with the
// session's token (a plain link would carry none).

import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, List, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import type { Role } from '@libs/domain';
import { api, unwrap } from '../api/client';
import { AttachmentsUpload } from '../shared/attachments-upload';
import { useAttachments, type Attachment } from './case-api';
import { formatTime } from './format';

const formatSize = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function saveBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  link.click();
  URL.revokeObjectURL(url);
}

export const ATTACHMENT_UPLOADERS: readonly string[] = [
  'caseworker',
  'townshipReviewer',
  'countyOfficer',
  'departmentOfficer',
] satisfies Role[];

/** `canUpload`: the case is open and the role is one that adds evidence (the server checks both again). */
export function CaseAttachments({ caseId, canUpload }: { caseId: string; canUpload: boolean }) {
  const attachments = useAttachments(caseId);
  const { message } = App.useApp();
  const download = useMutation({
    mutationFn: async (a: Attachment) => {
      const blob = await unwrap(
        api.GET('/cases/{caseId}/attachments/{attachmentId}', {
          params: { path: { caseId, attachmentId: a.id } },
          parseAs: 'blob',
        }),
      );
      saveBlob(blob as Blob, a.fileName);
    },
    onError: (error) => message.error(`下载失败：${error.message}`),
  });
  return (
    <Card
      title={`附件（${attachments.data?.length ?? 0}）`}
      extra={canUpload && <AttachmentsUpload caseId={caseId} label="上传" />}
    >
      <List
        size="small"
        loading={attachments.isPending}
        locale={{
          emptyText: attachments.isError ? `附件加载失败：${attachments.error.message}` : '暂无附件',
        }}
        dataSource={attachments.data ?? []}
        renderItem={(a) => (
          <List.Item
            actions={[
              <Button
                key="download"
                type="link"
                size="small"
                icon={<DownloadOutlined />}
                loading={download.isPending && download.variables?.id === a.id}
                onClick={() => download.mutate(a)}
                aria-label={`下载 ${a.fileName}`}
              >
                下载
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={a.fileName}
              description={
                <Typography.Text type="secondary">
                  {formatSize(a.size)} · {formatTime(a.uploadedAt)}
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
