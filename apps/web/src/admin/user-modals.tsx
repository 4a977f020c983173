// A user's form (new or edited) and the password reset, each in a modal. Fields are checked as the API's
// DTOs check them; what the server still refuses lands on its field (showServerErrors).

import { Alert, App, Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import {
  DEPARTMENT_LABELS,
  DEPARTMENTS,
  JURISDICTION_LEVEL_LABELS,
  ROLE_JURISDICTION_LEVELS,
  ROLE_LABELS,
  ROLES,
  type Role,
} from '@libs/domain';
import { FormModal, ReasonItem, type ReasonField, useServerErrors } from '../shared/form-modal';
import { type User, useCreateUser, useResetPassword, useUpdateUser } from './admin-api';
import { PlaceTreeSelect } from './place-tree';
import { requiredText } from '../shared/text-rules';

const USERNAME = /^[a-z0-9_]{3,64}$/;
const PASSWORD_RULE = '至少 10 位，须同时包含字母和数字';
const passwordRules = [
  { required: true, message: '请输入密码' },
  { pattern: /^(?=.*[A-Za-z])(?=.*\d).{10,}$/s, message: PASSWORD_RULE },
  { max: 72, message: '不超过 72 位' },
];

// Letters and digits people do not confuse when they read it aloud or copy it by hand (no 0/O, 1/l/I).
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random 12-character password with letters and digits, from the browser's secure random numbers. */
export function generatePassword(): string {
  for (;;) {
    const bytes = crypto.getRandomValues(new Uint8Array(12));
    const password = Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
    if (/[A-Za-z]/.test(password) && /\d/.test(password)) return password;
  }
}

/** The form's `password`: a generated one, which the admin may generate again or replace with their own. */
function PasswordItem({ label, extra }: { label: string; extra: string }) {
  const form = Form.useFormInstance();
  return (
    <Form.Item label={label} required extra={`${PASSWORD_RULE}；${extra}`}>
      <Space.Compact style={{ width: '100%' }}>
        <Form.Item name="password" noStyle rules={passwordRules}>
          <Input aria-label={label} autoComplete="new-password" />
        </Form.Item>
        <Button onClick={() => form.setFieldValue('password', generatePassword())}>重新生成</Button>
      </Space.Compact>
    </Form.Item>
  );
}

interface UserForm extends ReasonField {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  jurisdictionId: string;
  department?: string;
}

/** 新建用户 / 编辑用户. `self`: the admin's own account, whose role and place another admin changes. */
export function UserFormModal({ user, self, onClose }: { user?: User; self: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<UserForm>();
  const role = Form.useWatch('role', form);
  const create = useCreateUser();
  const update = useUpdateUser();

  async function save(values: UserForm) {
    const department = values.role === 'departmentOfficer' ? values.department : undefined;
    if (user) {
      await update.mutateAsync({
        id: user.id,
        body: {
          displayName: values.displayName,
          ...(self ? {} : { role: values.role, jurisdictionId: values.jurisdictionId }),
          ...(department ? { department } : {}),
          reason: values.reason,
        },
      });
      void message.success(`已保存 ${values.displayName}`);
    } else {
      await create.mutateAsync({ ...values, department });
      void message.success(`已新建用户 ${values.username}`);
    }
  }

  return (
    <FormModal<UserForm>
      title={user ? `编辑用户：${user.username}` : '新建用户'}
      name="user"
      form={form}
      pending={create.isPending || update.isPending}
      onSave={save}
      onClose={onClose}
      reason
      initialValues={
        user
          ? {
              username: user.username,
              displayName: user.displayName,
              role: user.role,
              jurisdictionId: user.jurisdictionId,
              department: user.department ?? undefined,
            }
          : { password: generatePassword() }
      }
    >
      <Form.Item
        label="用户名"
        name="username"
        extra={user ? undefined : '3–64 位小写字母、数字或下划线，登录时使用，建后不能修改'}
        rules={[
          { required: true, message: '请输入用户名' },
          { pattern: USERNAME, message: '应为 3–64 位小写字母、数字或下划线' },
        ]}
      >
        <Input disabled={user !== undefined} autoComplete="off" />
      </Form.Item>
      <Form.Item label="姓名" name="displayName" rules={requiredText('请输入姓名', { max: 50 })}>
        <Input />
      </Form.Item>
      {!user && <PasswordItem label="初始密码" extra="用户首次登录后须自行修改" />}
      <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
        <Select
          disabled={self}
          options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          placeholder="选择角色"
        />
      </Form.Item>
      <Form.Item
        label="所属辖区"
        name="jurisdictionId"
        extra={role ? `${ROLE_LABELS[role]}的辖区层级：${levelNames(role)}` : undefined}
        rules={[{ required: true, message: '请选择所属辖区' }]}
      >
        <PlaceTreeSelect
          disabled={self || !role}
          levels={role ? ROLE_JURISDICTION_LEVELS[role] : undefined}
        />
      </Form.Item>
      {role === 'departmentOfficer' && (
        <Form.Item
          label="所属部门"
          name="department"
          rules={[{ required: true, message: '部门经办人须选择所属部门' }]}
        >
          <Select
            showSearch
            optionFilterProp="label"
            placeholder="选择成员单位"
            options={DEPARTMENTS.map((d) => ({ value: d, label: DEPARTMENT_LABELS[d] }))}
          />
        </Form.Item>
      )}
      {self && (
        <Typography.Text type="secondary">
          自己的角色和辖区不能自行修改，请由其他系统管理员办理。
        </Typography.Text>
      )}
    </FormModal>
  );
}

const levelNames = (role: Role) =>
  ROLE_JURISDICTION_LEVELS[role].map((l) => JURISDICTION_LEVEL_LABELS[l]).join('、');

/**
 * 重置密码: a one-time password (generated, or one the admin types) shown once after the reset; the
 * user's sessions end and they must set their own at the next sign-in.
 */
interface ResetForm extends ReasonField {
  password: string;
}

export function ResetPasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const [form] = Form.useForm<ResetForm>();
  const reset = useResetPassword();
  const { submit: send, error } = useServerErrors(form);
  const [done, setDone] = useState<string>();

  async function submit(values: ResetForm) {
    if (await send(() => reset.mutateAsync({ id: user.id, body: values }))) setDone(values.password);
  }

  return (
    <Modal
      open
      title={`重置密码：${user.displayName}（${user.username}）`}
      onCancel={onClose}
      destroyOnHidden
      footer={
        done
          ? [
              <Button key="close" type="primary" onClick={onClose}>
                完成
              </Button>,
            ]
          : [
              <Button key="cancel" onClick={onClose}>
                取消
              </Button>,
              <Button key="ok" type="primary" danger loading={reset.isPending} onClick={() => form.submit()}>
                重置密码
              </Button>,
            ]
      }
    >
      {done ? (
        <Alert
          type="success"
          showIcon
          message="密码已重置"
          description={
            <>
              <div>
                一次性密码：
                <Typography.Text code copyable strong data-testid="one-time-password">
                  {done}
                </Typography.Text>
              </div>
              <div>
                请当面或电话告知 {user.displayName}
                ；此密码只显示这一次。对方已登录的会话已失效，下次登录后须先修改密码。
              </div>
            </>
          }
        />
      ) : (
        <>
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
          <Form
            name="resetPassword"
            form={form}
            layout="vertical"
            onFinish={submit}
            initialValues={{ password: generatePassword() }}
          >
            <PasswordItem label="一次性密码" extra="可改为自定的密码" />
            <ReasonItem />
          </Form>
          <Typography.Text type="secondary">
            重置后，{user.displayName} 已登录的会话随即失效，下次登录后须先修改密码。
          </Typography.Text>
        </>
      )}
    </Modal>
  );
}
