// 附件 evidence and survey photos: each file is uploaded to the case as it is chosen (POST
// /cases/{caseId}/attachments); the form keeps only the attachments' ids, which the task's form submits.

import { CameraOutlined, PaperClipOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Upload, type UploadFile, type UploadProps } from 'antd';
import { useState } from 'react';
import { api, ApiError, unwrap } from '../api/client';

/** The case's attachments, under the case's query key so an upload refreshes what the case page shows. */
export const caseAttachmentsKey = (caseId: string) => ['cases', caseId, 'attachments'] as const;

export interface AttachmentsUploadProps {
  caseId: string;
  /** The uploaded attachments' ids (a Form.Item's value). */
  value?: string[];
  onChange?: (ids: string[]) => void;
  /** Photos from the phone's camera (its rear one) rather than files. */
  camera?: boolean;
  label?: string;
}

const ACCEPT_FILES = 'image/jpeg,image/png,image/webp,image/heic,application/pdf';

export function AttachmentsUpload({
  caseId,
  value = [],
  onChange,
  camera = false,
  label,
}: AttachmentsUploadProps) {
  const queryClient = useQueryClient();
  // Files being uploaded or refused this time; those already uploaded are named from the case's list, so a
  // draft restored after a reload still shows its photos.
  const [pending, setPending] = useState<UploadFile[]>([]);
  const attachments = useQuery({
    queryKey: caseAttachmentsKey(caseId),
    queryFn: () => unwrap(api.GET('/cases/{caseId}/attachments', { params: { path: { caseId } } })),
    enabled: value.length > 0,
  });
  const uploaded: UploadFile[] = value.map((id) => {
    const attachment = attachments.data?.find((a) => a.id === id);
    return { uid: id, name: attachment?.fileName ?? '已上传的附件', status: 'done' };
  });

  const upload: UploadProps['customRequest'] = async ({ file, onSuccess, onError }) => {
    const body = new FormData();
    body.append('file', file as Blob);
    try {
      const attachment = await unwrap(
        api.POST('/cases/{caseId}/attachments', {
          params: { path: { caseId } },
          // multipart as the browser builds it (with its boundary), not JSON
          body: body as never,
          bodySerializer: (data: unknown) => data as FormData,
        }),
      );
      onSuccess?.(attachment);
      setPending((files) => files.filter((f) => f.uid !== (file as UploadFile).uid));
      onChange?.([...value, attachment.id]);
      void queryClient.invalidateQueries({ queryKey: caseAttachmentsKey(caseId) });
    } catch (error) {
      onError?.(error as Error);
      const message = error instanceof ApiError ? error.message : '上传失败';
      setPending((files) =>
        files.map((f) =>
          f.uid === (file as UploadFile).uid ? { ...f, status: 'error', response: message } : f,
        ),
      );
    }
  };

  return (
    <Upload
      accept={camera ? 'image/*' : ACCEPT_FILES}
      capture={camera ? 'environment' : undefined}
      listType={camera ? 'picture' : 'text'}
      multiple={!camera}
      fileList={[...uploaded, ...pending]}
      customRequest={upload}
      beforeUpload={(file) => {
        setPending((files) => [...files, { uid: file.uid, name: file.name, status: 'uploading' }]);
        return true;
      }}
      onRemove={(file) => {
        if (value.includes(file.uid)) onChange?.(value.filter((id) => id !== file.uid));
        else setPending((files) => files.filter((f) => f.uid !== file.uid));
      }}
    >
      <Button icon={camera ? <CameraOutlined /> : <PaperClipOutlined />} size={camera ? 'large' : 'middle'}>
        {label ?? (camera ? '拍照上传' : '上传附件')}
      </Button>
    </Upload>
  );
}
