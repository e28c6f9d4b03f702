// Small tags used across pages: remaining time / overdue, task and process status, SLA.
import { Space, Tag, Tooltip } from 'antd';
import { ClockCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { useNow } from '../hooks';
import { useI18n } from '../i18n';

const DAY = 86_400_000;

/** Due time at a glance: red "已超期" with how long, orange when due within a day. */
export function DueTag({ dueAt, overdue, provisional }: { dueAt?: string; overdue?: boolean; provisional?: boolean }) {
  const { t, fmtDuration, fmtTime } = useI18n();
  const now = useNow();
  if (!dueAt) return <Tag>{t('due.none')}</Tag>;
  const left = new Date(dueAt).getTime() - now;
  const late = overdue || left < 0;
  return (
    <Tooltip title={fmtTime(dueAt)}>
      <Space size={4} wrap data-testid="due">
        {late && (
          <Tag color="red" icon={<WarningOutlined />}>
            {t('due.overdue')}
          </Tag>
        )}
        <Tag color={late ? 'red' : left < DAY ? 'orange' : 'default'} icon={<ClockCircleOutlined />}>
          {late ? t('due.over', { t: fmtDuration(left) }) : t('due.left', { t: fmtDuration(left) })}
        </Tag>
        {provisional && <Tag>{t('due.provisional')}</Tag>}
      </Space>
    </Tooltip>
  );
}

const statusColors: Record<string, string> = {
  open: 'blue',
  claimed: 'gold',
  completed: 'green',
  cancelled: 'default',
  running: 'processing',
  failed: 'red',
  terminated: 'default',
};

export function StatusTag({ status }: { status: string }) {
  const { label } = useI18n();
  return <Tag color={statusColors[status] ?? 'default'}>{label('status', status)}</Tag>;
}

export function SlaTag({ breached }: { breached?: boolean }) {
  const { t } = useI18n();
  return breached ? <Tag color="red">{t('case.slaBreached')}</Tag> : <Tag color="green">{t('case.slaOk')}</Tag>;
}
