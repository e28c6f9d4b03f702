// 通知 (未读 / 已读): escalations and new-task notices; reading one clears it from the badge.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Button, Card, List, Space, Tabs, Tag, Typography } from 'antd';
import { api, type Notice } from '../api';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { caseLink, taskLink } from '../domain';
import ApiErrorAlert from '../components/ApiErrorAlert';

type Status = 'unread' | 'read';
const PAGE_SIZE = 20;

export default function NoticesPage() {
  const { t, label, fmtTime } = useI18n();
  const { counts, refreshCounts } = useSession();
  const [params, setParams] = useSearchParams();
  const status: Status = params.get('status') === 'read' ? 'read' : 'unread';
  const [page, setPage] = useState(1);
  const [error, setError] = useState<unknown>();
  const notices = useLoad(() => api.notices(status, page, PAGE_SIZE), [status, page]);

  const markRead = async (n: Notice) => {
    setError(undefined);
    try {
      await api.readNotice(n.id);
    } catch (e) {
      setError(e);
    }
    notices.reload();
    refreshCounts();
  };

  return (
    <Card title={t('nav.notices')}>
      <Tabs
        activeKey={status}
        onChange={(k) => (setParams({ status: k }), setPage(1))}
        items={[
          { key: 'unread', label: `${t('notices.unread')}${counts.unread ? ` (${counts.unread})` : ''}` },
          { key: 'read', label: t('notices.read') },
        ]}
      />
      {!!(error || notices.error) && <ApiErrorAlert error={error ?? notices.error} onClose={() => setError(undefined)} />}
      <List<Notice>
        data-testid="notice-list"
        loading={notices.loading}
        dataSource={notices.data?.items ?? []}
        locale={{ emptyText: t('notices.empty') }}
        pagination={
          (notices.data?.total ?? 0) > PAGE_SIZE
            ? { current: page, pageSize: PAGE_SIZE, total: notices.data?.total, onChange: setPage }
            : false
        }
        renderItem={(n) => (
          <List.Item
            actions={[
              n.taskId && n.processId && (
                <Link key="task" to={taskLink({ taskId: n.taskId, processId: n.processId })} onClick={() => !n.readAt && markRead(n)}>
                  {t('notices.openTask')}
                </Link>
              ),
              !n.taskId && n.processId && (
                <Link key="case" to={caseLink(n.processId)}>
                  {t('notices.openCase')}
                </Link>
              ),
              status === 'unread' && (
                <Button key="read" size="small" onClick={() => markRead(n)} data-testid="mark-read">
                  {t('notices.markRead')}
                </Button>
              ),
            ].filter(Boolean)}
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <Tag color={n.kind === 'escalation' ? 'red' : 'blue'}>{label('noticeKind', n.kind)}</Tag>
                  <span>{n.title}</span>
                </Space>
              }
              description={
                <div>
                  <div style={{ whiteSpace: 'pre-wrap', color: 'rgba(0,0,0,0.75)' }}>{n.body}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {fmtTime(n.createdAt)}
                    {n.readAt && ` · ${t('notices.readAt', { at: fmtTime(n.readAt) })}`}
                  </Typography.Text>
                </div>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
