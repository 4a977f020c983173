// 用户 the users in the admin's scope: find by role, place or name; create, edit, enable or disable, reset a
// password (a one-time password the user must change at the next sign-in) and lift a lockout.

import { Alert, App, Button, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { DEPARTMENT_LABELS, ROLE_LABELS, ROLES, type Department, type Role } from '@libs/domain';
import { ApiError } from '../api/client';
import { useMe } from '../auth/use-me';
import { type User, type UserFilter, useUnlockUser, useUpdateUser, useUsers } from './admin-api';
import { PlaceFilter } from './place-tree';
import { ResetPasswordModal, UserFormModal } from './user-modals';
import { KeysetPager, useKeysetPages } from '../shared/keyset-pager';

const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

const dateTime = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }).slice(0, -3);

function UserStatus({ user }: { user: User }) {
  return (
    <Space size={4} wrap>
      {user.enabled ? <Tag color="green">启用</Tag> : <Tag>已停用</Tag>}
      {user.lockedUntil && (
        <Tag color="red" title={`连续密码错误，锁定至 ${dateTime(user.lockedUntil)}`}>
          已锁定
        </Tag>
      )}
    </Space>
  );
}

export function UsersTab() {
  const { message, modal } = App.useApp();
  const me = useMe();
  const [filter, setFilter] = useState<UserFilter>({});
  const pages = useKeysetPages(JSON.stringify(filter));
  const page = useUsers(filter, pages.cursor);
  const update = useUpdateUser();
  const unlock = useUnlockUser();
  const [editing, setEditing] = useState<User | 'new'>();
  const [resetting, setResetting] = useState<User>();

  const refilter = (change: UserFilter) => setFilter((f) => ({ ...f, ...change }));

  const failed = (error: unknown) =>
    void message.error(error instanceof ApiError ? error.message : '操作失败，请稍后重试');

  // A confirmation that asks why (optional), kept on the change's audit event; undefined when cancelled.
  const confirmWithReason = (props: { title: string; text: string; action: string; danger?: boolean }) =>
    new Promise<{ reason?: string } | undefined>((resolve) => {
      let reason: string | undefined;
      modal.confirm({
        title: props.title,
        content: (
          <>
            <Typography.Paragraph>{props.text}</Typography.Paragraph>
            <Input.TextArea
              aria-label={`${props.action}理由`}
              placeholder={`${props.action}理由（选填，记入留痕）`}
              rows={2}
              maxLength={200}
              showCount
              onChange={(e) => (reason = e.target.value.trim() || undefined)}
            />
          </>
        ),
        okText: props.action,
        okButtonProps: { danger: props.danger },
        cancelText: '取消',
        onOk: () => resolve({ reason }),
        onCancel: () => resolve(undefined),
      });
    });

  const setEnabled = async (user: User, enabled: boolean) => {
    const confirmed = enabled
      ? {}
      : await confirmWithReason({
          title: `停用用户「${user.displayName}」？`,
          text: '停用后该用户立即不能登录，已登录的会话随即失效；其待办任务需另行改派。',
          action: '停用',
          danger: true,
        });
    if (!confirmed) return;
    await update
      .mutateAsync({ id: user.id, body: { enabled, reason: confirmed.reason } })
      .then(() => void message.success(`${user.displayName} 已${enabled ? '启用' : '停用'}`), failed);
  };

  const lift = async (user: User) => {
    const confirmed = await confirmWithReason({
      title: `解除「${user.displayName}」的登录锁定？`,
      text: '解除后该用户可立即重新登录；连续输错密码的记录清零。',
      action: '解除锁定',
    });
    if (!confirmed) return;
    await unlock
      .mutateAsync({ id: user.id, reason: confirmed.reason })
      .then(() => void message.success(`已解除 ${user.displayName} 的锁定`), failed);
  };

  const columns: ColumnsType<User> = [
    { title: '用户名', dataIndex: 'username', width: 150, ellipsis: true },
    { title: '姓名', dataIndex: 'displayName', ellipsis: true },
    { title: '角色', dataIndex: 'roleLabel', width: 140 },
    { title: '辖区', dataIndex: 'jurisdictionName', width: 110, ellipsis: true },
    {
      title: '部门',
      dataIndex: 'department',
      width: 100,
      render: (d: string | null) => (d ? (DEPARTMENT_LABELS[d as Department] ?? d) : '—'),
    },
    { title: '状态', key: 'status', width: 120, render: (_, user) => <UserStatus user={user} /> },
    {
      title: '操作',
      key: 'actions',
      width: 210,
      fixed: 'right',
      render: (_, user) => {
        const self = user.id === me.data?.userId;
        return (
          <Space size={0} wrap>
            <Button type="link" size="small" onClick={() => setEditing(user)}>
              编辑
            </Button>
            {!self && (
              <Button
                type="link"
                size="small"
                danger={user.enabled}
                onClick={() => void setEnabled(user, !user.enabled)}
              >
                {user.enabled ? '停用' : '启用'}
              </Button>
            )}
            {!self && (
              <Button type="link" size="small" onClick={() => setResetting(user)}>
                重置密码
              </Button>
            )}
            {user.lockedUntil && (
              <Button type="link" size="small" onClick={() => void lift(user)}>
                解除锁定
              </Button>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label="按角色筛选"
          allowClear
          placeholder="全部角色"
          style={{ width: 170 }}
          options={ROLE_OPTIONS}
          value={filter.role}
          onChange={(role?: Role) => refilter({ role })}
        />
        <PlaceFilter
          value={filter.jurisdictionId}
          onChange={(jurisdictionId) => refilter({ jurisdictionId })}
        />
        <Input.Search
          aria-label="按用户名或姓名查找"
          allowClear
          placeholder="用户名或姓名"
          style={{ width: 200 }}
          onSearch={(q) => refilter({ q: q.trim() || undefined })}
        />
        <Button type="primary" onClick={() => setEditing('new')}>
          新建用户
        </Button>
      </Space>
      {page.error && (
        <Alert type="error" showIcon message={page.error.message} style={{ marginBottom: 16 }} />
      )}
      <Table
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={page.data?.items}
        loading={page.isFetching}
        pagination={false}
        scroll={{ x: 940 }}
        locale={{ emptyText: '没有符合条件的用户' }}
      />
      <KeysetPager pages={pages} nextCursor={page.data?.nextCursor} />
      {editing && (
        <UserFormModal
          user={editing === 'new' ? undefined : editing}
          self={editing !== 'new' && editing.id === me.data?.userId}
          onClose={() => setEditing(undefined)}
        />
      )}
      {resetting && <ResetPasswordModal user={resetting} onClose={() => setResetting(undefined)} />}
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        停用、改角色、改辖区或改部门后，该用户已登录的会话随即失效。不能停用自己或修改自己的角色、辖区。
      </Typography.Paragraph>
    </>
  );
}
