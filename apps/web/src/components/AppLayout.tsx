// The frame around every logged-in page: header (notices badge, language, user menu) and a
// sider with the role-dependent navigation that collapses away on narrow screens.
import { useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { Badge, Button, Dropdown, Grid, Layout, Menu, Space, Tooltip, Typography } from 'antd';
import {
  AuditOutlined,
  BellOutlined,
  GlobalOutlined,
  InboxOutlined,
  LogoutOutlined,
  KeyOutlined,
  MenuOutlined,
  PlusCircleOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { canStart, seesCases } from '../roles';

const { Header, Sider, Content } = Layout;

export default function AppLayout({ children }: { children: ReactNode }) {
  const { t, lang, setLang, roleName } = useI18n();
  const session = useSession();
  const { me, held, counts, processTypes, mustChangePassword } = session;
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const [collapsed, setCollapsed] = useState(false);

  const section = '/' + (location.pathname.split('/')[1] ?? '');
  const selected = section === '/tasks' ? '/inbox' : section;

  const items = mustChangePassword
    ? []
    : [
        {
          key: '/inbox',
          icon: <InboxOutlined />,
          label: (
            <Space>
              {t('nav.inbox')}
              <Badge count={counts.pending} overflowCount={999} data-testid="pending-count" showZero={false} />
            </Space>
          ),
        },
        ...(processTypes.some((p) => canStart(held, p))
          ? [{ key: '/start', icon: <PlusCircleOutlined />, label: t('nav.start') }]
          : []),
        ...(seesCases(held) ? [{ key: '/cases', icon: <AuditOutlined />, label: t('nav.cases') }] : []),
        {
          key: '/notices',
          icon: <BellOutlined />,
          label: (
            <Space>
              {t('nav.notices')}
              <Badge count={counts.unread} overflowCount={99} showZero={false} />
            </Space>
          ),
        },
      ];

  const roleText = (me?.roles ?? []).map(roleName).join(lang === 'zh' ? '、' : ', ');

  const userMenu: Parameters<typeof Dropdown>[0]['menu'] = {
    items: [
      { key: 'roles', label: <Typography.Text type="secondary">{roleText}</Typography.Text>, disabled: true },
      { type: 'divider' },
      { key: 'password', icon: <KeyOutlined />, label: t('nav.password') },
      { key: 'logout', icon: <LogoutOutlined />, label: t('nav.logout') },
    ],
    onClick: ({ key }) => {
      if (key === 'password') navigate('/password');
      if (key === 'logout') {
        session.logout();
        navigate('/login');
      }
    },
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 12,
          padding: narrow ? '0 12px' : '0 24px',
          position: 'sticky',
          top: 0,
          zIndex: 10,
        }}
      >
        {narrow && !mustChangePassword && (
          <Button
            type="text"
            icon={<MenuOutlined />}
            style={{ color: '#fff' }}
            onClick={() => setCollapsed(!collapsed)}
            aria-label="menu"
            data-testid="menu-toggle"
          />
        )}
        <Link to="/inbox" style={{ color: '#fff', fontSize: 18, fontWeight: 600, whiteSpace: 'nowrap' }}>
          {narrow ? t('app.short') : t('app.title')}
        </Link>
        <div style={{ flex: 1 }} />
        <Tooltip title={t('nav.notices')}>
          <Link to="/notices" aria-label={t('nav.notices')} data-testid="notice-bell">
            <Badge count={counts.unread} size="small" data-testid="unread-count">
              <BellOutlined style={{ color: '#fff', fontSize: 18 }} />
            </Badge>
          </Link>
        </Tooltip>
        <Button
          type="text"
          size="small"
          icon={<GlobalOutlined />}
          style={{ color: '#fff' }}
          onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
          data-testid="lang-switch"
        >
          {t('nav.language')}
        </Button>
        <Dropdown menu={userMenu} trigger={['click']}>
          <Button type="text" icon={<UserOutlined />} style={{ color: '#fff' }} data-testid="user-menu">
            {!narrow && (me?.displayName || me?.username)}
          </Button>
        </Dropdown>
      </Header>
      <Layout>
        <Sider
          theme="light"
          breakpoint="md"
          collapsedWidth={narrow ? 0 : 64}
          collapsible
          trigger={narrow ? null : undefined}
          collapsed={collapsed}
          onCollapse={setCollapsed}
          width={200}
          style={
            narrow
              ? { position: 'absolute', height: '100%', zIndex: 9 }
              : { position: 'sticky', top: 64, height: 'calc(100vh - 64px)' }
          }
        >
          <Menu
            mode="inline"
            selectedKeys={[selected]}
            items={items}
            onClick={({ key }) => {
              navigate(key);
              if (narrow) setCollapsed(true);
            }}
            style={{ height: '100%', borderInlineEnd: 0 }}
          />
        </Sider>
        <Content style={{ padding: narrow ? 8 : 16, minWidth: 0 }}>{children}</Content>
      </Layout>
    </Layout>
  );
}
