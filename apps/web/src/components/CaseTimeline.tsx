// The business timeline of a case: who did what, when, why, and how long each step took
// (from a step's task-created event to its completed event).
import { Table, Tag, Timeline, Typography } from 'antd';
import type { HistoryEvent } from '../api';
import { useI18n, type I18n } from '../i18n';
import { useLabels, type Labels } from '../i18n/labels';

const CREATED = new Set(['task-created', 'created']);
const COMPLETED = new Set(['task-completed', 'completed']);

export interface TimelineRow extends HistoryEvent {
  /** the step's title, when any event of the step carried one in detail.title */
  stepTitle?: string;
  /** ms from the step's creation to this completion */
  took?: number;
}

function titleIn(detail: unknown): string | undefined {
  const title = (detail as { title?: unknown } | null | undefined)?.title;
  return typeof title === 'string' ? title : undefined;
}

export function withDurations(events: HistoryEvent[]): TimelineRow[] {
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  const titles = new Map<string, string>();
  for (const e of sorted) {
    const title = titleIn(e.detail);
    if (e.step && title && !titles.has(e.step)) titles.set(e.step, title);
  }
  const openedAt = new Map<string, number>();
  return sorted.map((e) => {
    if (!e.step) return e;
    const row: TimelineRow = { ...e, stepTitle: titles.get(e.step) ?? e.step };
    if (CREATED.has(e.kind)) openedAt.set(e.step, new Date(e.at).getTime());
    if (COMPLETED.has(e.kind) && openedAt.has(e.step)) {
      row.took = new Date(e.at).getTime() - openedAt.get(e.step)!;
      openedAt.delete(e.step);
    }
    return row;
  });
}

function color(kind: string): string {
  if (COMPLETED.has(kind)) return 'green';
  if (/refus|sla|escalat|breach|fail/.test(kind)) return 'red';
  if (kind === 'ended') return 'gray';
  return 'blue';
}

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d/;
/** detail keys that are shown elsewhere or are plumbing */
const HIDDEN = new Set(['title', 'taskId', 'data', 'processType', 'case']);
/** detail keys whose values are codes with a dictionary label */
const CODED: Record<string, string> = { policy: 'policy', status: 'status', code: 'error' };

/** the case's words (its type's labels) and the UI's own */
interface Words {
  i18n: I18n;
  labels: Labels;
  processType?: string;
}

function detailValue(key: string, v: unknown, w: Words): string {
  const { i18n, labels, processType } = w;
  if (key === 'outcome' && typeof v === 'string') return labels.outcome(processType, v);
  if (key === 'businessStatus' && typeof v === 'string') return labels.status(processType, v);
  // a child case's result: its outcome, in the words of its procedure (a child shares its parent's)
  const childOutcome = key === 'result' && typeof v === 'object' && v ? (v as { outcome?: unknown }).outcome : undefined;
  if (typeof childOutcome === 'string') return labels.outcome(processType, childOutcome);
  if (key in CODED && typeof v === 'string') return i18n.label(CODED[key], v);
  if (key === 'candidateRoles' || key === 'escalateTo') return ([] as unknown[]).concat(v).map((r) => i18n.roleName(String(r))).join('、');
  if (typeof v === 'string' && ISO_TIME.test(v)) return i18n.fmtTime(v);
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' ? JSON.stringify(x) : String(x))).join('、');
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function detailText(detail: unknown, w: Words): string {
  const { i18n } = w;
  if (detail === undefined || detail === null) return '';
  if (typeof detail !== 'object') return String(detail);
  return Object.entries(detail as Record<string, unknown>)
    .filter(([k, v]) => !HIDDEN.has(k) && v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${i18n.label('detail', k)}: ${detailValue(k, v, w)}`)
    .join('；');
}

export default function CaseTimeline({
  events,
  processType,
  variant = 'compact',
}: {
  events: HistoryEvent[];
  /** the case's type, whose labels name its steps, statuses, decisions and outcomes */
  processType?: string;
  variant?: 'compact' | 'table';
}) {
  const i18n = useI18n();
  const labels = useLabels();
  const { t, label, fmtTime, fmtDuration } = i18n;
  const rows = withDurations(events).map((e) =>
    e.step ? { ...e, stepTitle: labels.taskTitle({ processType, step: e.step, title: e.stepTitle }) } : e,
  );
  const decision = (d?: string) => (d ? labels.decision(processType, d) : '');
  const why = (e: HistoryEvent) => [e.comment, detailText(e.detail, { i18n, labels, processType })].filter(Boolean).join(' — ');

  if (variant === 'table') {
    return (
      <Table<TimelineRow>
        data-testid="timeline"
        rowKey="seq"
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('timeline.empty') }}
        columns={[
          { title: t('timeline.time'), dataIndex: 'at', width: 150, render: (v: string) => fmtTime(v) },
          {
            title: t('timeline.event'),
            dataIndex: 'kind',
            width: 120,
            render: (k: string) => <Tag color={color(k)}>{label('kind', k)}</Tag>,
          },
          { title: t('timeline.step'), dataIndex: 'stepTitle', width: 140 },
          { title: t('timeline.actor'), dataIndex: 'actor', width: 130 },
          {
            title: t('timeline.decision'),
            dataIndex: 'decision',
            width: 110,
            render: decision,
          },
          { title: t('timeline.why'), key: 'why', render: (_, e) => why(e) },
          {
            title: t('timeline.took'),
            dataIndex: 'took',
            width: 100,
            render: (ms?: number) => (ms === undefined ? '' : fmtDuration(ms)),
          },
        ]}
      />
    );
  }

  if (!rows.length) return <Typography.Text type="secondary">{t('timeline.empty')}</Typography.Text>;
  return (
    <Timeline
      data-testid="timeline"
      items={rows.map((e) => ({
        key: e.seq,
        color: color(e.kind),
        content: (
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {fmtTime(e.at)}
              {e.actor && ` · ${e.actor}`}
            </Typography.Text>
            <div>
              <b>{label('kind', e.kind)}</b>
              {e.stepTitle && <span> · {e.stepTitle}</span>}
              {e.decision && <Tag style={{ marginLeft: 6 }}>{decision(e.decision)}</Tag>}
              {e.took !== undefined && (
                <Typography.Text type="secondary"> {t('timeline.tookTag', { t: fmtDuration(e.took) })}</Typography.Text>
              )}
            </div>
            {why(e) && <div style={{ whiteSpace: 'pre-wrap' }}>{why(e)}</div>}
          </div>
        ),
      }))}
    />
  );
}
