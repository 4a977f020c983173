import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, unwrap } from '../api/client';
import { showServerErrors } from '../shared/server-errors';
import { ME_KEY, useMe } from './use-me';

interface PasswordChange {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** 修改密码: required after an admin reset before anything else. */
export function PasswordPage() {
  const [form] = Form.useForm<PasswordChange>();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string>();

  async function change({ currentPassword, newPassword }: PasswordChange) {
    setError(undefined);
    try {
      await unwrap(api.POST('/auth/password', { body: { currentPassword, newPassword } }));
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
      void navigate('/', { replace: true });
    } catch (e) {
      setError(showServerErrors(form, e));
    }
  }

  return (
    <Card style={{ maxWidth: 440, margin: '24px auto' }}>
      <Typography.Title level={4}>修改密码</Typography.Title>
      {me.data?.mustChangePassword && (
        <Alert
          type="warning"
          showIcon
          message="管理员已重置您的密码，请先设置新密码再办理业务"
          style={{ marginBottom: 16 }}
        />
      )}
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={change}>
        <Form.Item
          label="当前密码"
          name="currentPassword"
          rules={[{ required: true, message: '请输入当前密码' }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          label="新密码"
          name="newPassword"
          extra="至少 10 位，须同时包含字母和数字"
          rules={[
            { required: true, message: '请输入新密码' },
            { min: 10, message: '至少 10 位' },
            { pattern: /(?=.*[A-Za-z])(?=.*\d)/, message: '须同时包含字母和数字' },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="confirm"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error('两次输入不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          保存新密码
        </Button>
      </Form>
    </Card>
  );
}
