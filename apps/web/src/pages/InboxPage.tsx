// 待办 / 已办 / 全部: the user's tasks, soonest due first, with filters and claim/release.
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { App, Badge, Button, Card, Grid, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { api, type Task, type TaskView } from '../api';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { useLabels } from '../i18n/labels';
import { useSession } from '../session';
import ApiErrorAlert from '../components/ApiErrorAlert';
import { DueTag, StatusTag } from '../components/Tags';
import { taskLink } from '../domain';

const VIEWS: TaskView[] = ['pending', 'handled', 'all'];
const PAGE_SIZE = 20;

export default function InboxPage() {
  const { t, label, fmtTime } = useI18n();
  const { me, processTypes, typeTitle, counts, refreshCounts } = useSession();
  const labels = useLabels();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [actionError, setActionError] = useState<unknown>();
  const [busyTask, setBusyTask] = useState<string>();
  const narrow = !Grid.useBreakpoint().md;

  const view = (VIEWS.includes(params.get('view') as TaskView) ? params.get('view') : 'pending') as TaskView;
  const type = params.get('type') ?? undefined;
  const overdueParam = params.get('overdue');
  const overdue = overdueParam === 'true' ? true : overdueParam === 'false' ? false : undefined;
  const page = Number(params.get('page') ?? 1) || 1;

  const setParam = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };

  const tasks = useLoad(
    () => api.tasks({ view, type, overdue, page, pageSize: PAGE_SIZE }),
    [view, type, overdue, page],
  );

  const act = async (task: Task, action: 'claim' | 'release') => {
    setBusyTask(task.taskId);
    setActionError(undefined);
    try {
      await api[action](task.taskId);
      message.success(t(action === 'claim' ? 'inbox.claimed' : 'inbox.released'));
    } catch (e) {
      setActionError(e);
    } finally {
      setBusyTask(undefined);
      tasks.reload();
      refreshCounts();
    }
  };

  const isOpen = (task: Task) => task.status === 'open' || task.status === 'claimed';
  const dueCell = (task: Task) =>
    isOpen(task) ? (
      <DueTag dueAt={task.dueAt} overdue={task.overdue} provisional={task.dueProvisional} />
    ) : (
      <Tag>{labels.decision(task.processType, task.decision) || label('status', task.status)}</Tag>
    );

  return (
    <Card
      title={t('nav.inbox')}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => (tasks.reload(), refreshCounts())} aria-label={t('common.refresh')} />
      }
    >
      <Tabs
        activeKey={view}
        onChange={(v) => setParam({ view: v })}
        items={VIEWS.map((v) => ({
          key: v,
          label:
            v === 'pending' ? (
              <Space size={4}>
                {t('inbox.pending')}
                <Badge count={counts.pending} showZero color="#1d4e89" />
              </Space>
            ) : (
              t(`inbox.${v}`)
            ),
        }))}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('inbox.filterType')}
          style={{ minWidth: 200 }}
          value={type}
          onChange={(v?: string) => setParam({ type: v })}
          options={processTypes.map((p) => ({ value: p.type, label: typeTitle(p.type) }))}
          data-testid="filter-type"
        />
        <Select
          allowClear
          placeholder={t('inbox.filterOverdue')}
          style={{ minWidth: 140 }}
          value={overdueParam ?? undefined}
          onChange={(v?: string) => setParam({ overdue: v })}
          options={[
            { value: 'true', label: t('inbox.onlyOverdue') },
            { value: 'false', label: t('inbox.notOverdue') },
          ]}
          data-testid="filter-overdue"
        />
      </Space>
      {!!(tasks.error || actionError) && (
        <div style={{ marginBottom: 12 }}>
          <ApiErrorAlert error={actionError ?? tasks.error} onClose={() => setActionError(undefined)} />
        </div>
      )}
      <Table<Task>
        data-testid="task-table"
        rowKey="taskId"
        size="middle"
        loading={tasks.loading}
        dataSource={tasks.data?.items ?? []}
        scroll={narrow ? undefined : { x: 860 }}
        rowClassName={(task) => (isOpen(task) && task.overdue ? 'row-overdue' : '')}
        locale={{ emptyText: t('inbox.empty') }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: tasks.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => t('common.total', { n }),
          onChange: (p) => setParam({ page: String(p) }),
        }}
        columns={[
          {
            title: t('task.title'),
            key: 'title',
            render: (_, task) => (
              <div>
                <Link to={taskLink(task)}>{labels.taskTitle(task)}</Link>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {typeTitle(task.processType)} · {task.processId}
                  </Typography.Text>
                </div>
                {narrow && dueCell(task)}
              </div>
            ),
          },
          {
            title: t('task.due'),
            key: 'due',
            width: 230,
            responsive: ['md'],
            render: (_, task) => dueCell(task),
          },
          {
            title: t('task.status'),
            key: 'status',
            width: 150,
            responsive: ['md'],
            render: (_, task) => (
              <Space size={4} wrap>
                <StatusTag status={task.status} />
                {task.assignee && <Typography.Text type="secondary">{task.assignee}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: t('task.created'),
            dataIndex: 'createdAt',
            width: 150,
            responsive: ['lg'],
            render: (v: string) => fmtTime(v),
          },
          {
            title: '',
            key: 'actions',
            width: narrow ? 90 : 170,
            fixed: narrow ? undefined : 'right',
            render: (_, task) => (
              <Space size={4} orientation={narrow ? 'vertical' : 'horizontal'}>
                {task.status === 'open' && (
                  <Button size="small" loading={busyTask === task.taskId} onClick={() => act(task, 'claim')}>
                    {t('inbox.claim')}
                  </Button>
                )}
                {task.status === 'claimed' && task.assignee === me?.username && (
                  <Button size="small" loading={busyTask === task.taskId} onClick={() => act(task, 'release')}>
                    {t('inbox.release')}
                  </Button>
                )}
                <Link to={taskLink(task)}>
                  <Button size="small" type={isOpen(task) ? 'primary' : 'default'}>
                    {isOpen(task) ? t('inbox.handle') : t('inbox.view')}
                  </Button>
                </Link>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
