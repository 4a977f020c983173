import { LogoutOutlined, KeyOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Dropdown, Grid, Layout, Menu, Space } from 'antd';
import { Suspense, lazy, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import { clearSession } from '../auth/session';
import { useMe } from '../auth/use-me';
import { menuItems, selectedEntry } from './menu';
import { Muted } from '../shared/muted';
import { NotificationBell } from './notification-bell';

const PhoneMenu = lazy(() => import('./phone-menu').then((m) => ({ default: m.PhoneMenu })));

/** The frame around every signed-in screen: header with the user and notifications, menu, content. */
export function AppLayout() {
  const me = useMe().data!;
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const [drawer, setDrawer] = useState(false);
  // The drawer's code loads when a phone first opens it, not with the first page.
  const [drawerWanted, setDrawerWanted] = useState(false);

  async function logout() {
    await api.POST('/auth/logout').catch(() => undefined);
    clearSession();
    queryClient.clear();
    void navigate('/login', { replace: true });
  }

  const menu = (
    <Menu
      mode="inline"
      selectedKeys={[selectedEntry(location.pathname)]}
      items={menuItems(me.role)}
      onClick={({ key }) => {
        setDrawer(false);
        void navigate(key);
      }}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 12,
          padding: '0 16px',
          background: '#fff',
          borderBottom: '1px solid #f0f0f0',
        }}
      >
        {phone && (
          <Button
            type="text"
            icon={<MenuOutlined />}
            aria-label="菜单"
            onClick={() => {
              setDrawerWanted(true);
              setDrawer(true);
            }}
          />
        )}
        <strong
          style={{
            fontSize: 16,
            whiteSpace: 'nowrap',
            overflow: 'hidden',
            textOverflow: 'ellipsis',
            flex: 1,
          }}
        >
          {phone ? '相对贫困工作平台' : '解决相对贫困长效机制 工作平台'}
        </strong>
        <NotificationBell />
        <Dropdown
          menu={{
            items: [
              {
                key: 'password',
                icon: <KeyOutlined />,
                label: '修改密码',
                onClick: () => navigate('/password'),
              },
              { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', onClick: () => void logout() },
            ],
          }}
        >
          <Button type="text" icon={<UserOutlined />}>
            <Space size={4}>
              <span>{me.displayName}</span>
              {!phone && (
                <Muted>
                  {me.roleLabel} · {me.jurisdictionName}
                </Muted>
              )}
            </Space>
          </Button>
        </Dropdown>
      </Layout.Header>
      <Layout>
        {phone ? (
          drawerWanted && (
            <Suspense>
              <PhoneMenu
                open={drawer}
                close={() => setDrawer(false)}
                title={`${me.displayName} · ${me.jurisdictionName}`}
              >
                {menu}
              </PhoneMenu>
            </Suspense>
          )
        ) : (
          <Layout.Sider width={200} theme="light" breakpoint="lg" collapsible>
            {menu}
          </Layout.Sider>
        )}
        <Layout.Content style={{ padding: phone ? 8 : 24, minWidth: 0 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
