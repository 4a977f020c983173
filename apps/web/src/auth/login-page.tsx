import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, api, unwrap } from '../api/client';
import { saveToken } from './session';

interface Credentials {
  username: string;
  password: string;
}

export function LoginPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);

  async function signIn(values: Credentials) {
    setSubmitting(true);
    setError(undefined);
    try {
      const answer = await unwrap(api.POST('/auth/login', { body: values }));
      saveToken(answer.accessToken);
      queryClient.clear();
      const next = params.get('next');
      void navigate(answer.mustChangePassword ? '/password' : next?.startsWith('/') ? next : '/', {
        replace: true,
      });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '登录失败，请稍后重试');
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <main
      style={{
        minHeight: '100vh',
        display: 'grid',
        placeItems: 'center',
        padding: 16,
        background: '#f0f2f5',
      }}
    >
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <h1 style={{ textAlign: 'center', fontSize: 24, fontWeight: 600, margin: '0 0 24px' }}>
          相对贫困长效机制工作平台
        </h1>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
        <Form<Credentials> layout="vertical" onFinish={signIn} requiredMark={false}>
          <Form.Item
            label="用户名"
            name="username"
            rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting}>
            登录
          </Button>
        </Form>
      </Card>
    </main>
  );
}
