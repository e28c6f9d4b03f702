// A case at a glance: procedure, policy, statuses, clocks and the application data.
// `full` adds the identifiers, dates and related cases the case page shows.
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Descriptions, Space, Tag } from 'antd';
import type { JsonObject, ProcessDetail } from '../api';
import { caseLink } from '../domain';
import { useI18n } from '../i18n';
import { useLabels } from '../i18n/labels';
import { useSession } from '../session';
import DataView from './DataView';
import { SlaTag, StatusTag } from './Tags';

export default function CaseSummary({
  detail,
  full = false,
  narrow = false,
}: {
  detail: ProcessDetail;
  /** with identifiers, dates and related cases (the case page) */
  full?: boolean;
  /** laid out for a side panel */
  narrow?: boolean;
}) {
  const { t, label, fmtTime } = useI18n();
  const { typeTitle, processTypes } = useSession();
  const labels = useLabels();
  const inputSchema = processTypes.find((p) => p.type === detail.type)?.inputSchema;
  // `data` is the start input plus what the process added; `input`, when sent, is the former alone
  const data = detail.data ?? {};
  const input: JsonObject = detail.input ?? data;
  const rest = Object.fromEntries(Object.entries(data).filter(([k]) => !(k in input)));
  const item = (key: string, lbl: string, children: ReactNode, show = true) =>
    show ? [{ key, label: lbl, children }] : [];
  const caseTag = (id: string) => (
    <Link key={id} to={caseLink(id)}>
      {id}
    </Link>
  );

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Descriptions
        size="small"
        column={narrow ? { xs: 1, sm: 2 } : { xs: 1, sm: 2, lg: 3 }}
        data-testid="case-summary"
        items={[
          ...item('id', t('case.id'), detail.processId, full),
          ...item('title', t('case.caseTitle'), detail.title, full && !!detail.title),
          ...item('type', t('case.type'), typeTitle(detail.type)),
          ...item('policy', t('case.policy'), label('policy', detail.policy), !!detail.policy),
          ...item('status', t('case.status'), <StatusTag status={detail.status} />),
          ...item('biz', t('case.businessStatus'), labels.status(detail.type, detail.businessStatus), !!detail.businessStatus),
          ...item('outcome', t('case.outcome'), <Tag color="purple">{labels.outcome(detail.type, detail.outcome)}</Tag>, !!detail.outcome),
          ...item('started', t('case.startedAt'), fmtTime(detail.startedAt), full),
          ...item('startedBy', t('case.startedBy'), detail.startedBy, full && !!detail.startedBy),
          ...item('closed', t('case.closedAt'), fmtTime(detail.closedAt), full && !!detail.closedAt),
          ...item('due', t('case.dueAt'), fmtTime(detail.dueAt), !!detail.dueAt),
          ...item('sla', t('case.sla'), <SlaTag breached={detail.slaBreached} />),
          ...item('parent', t('case.parent'), detail.parentId && caseTag(detail.parentId), full && !!detail.parentId),
          ...item(
            'children',
            t('case.children'),
            <Space wrap>{detail.children.map(caseTag)}</Space>,
            full && detail.children.length > 0,
          ),
        ]}
      />
      <DataView data={input} schema={inputSchema} narrow={narrow} />
      <DataView data={rest} narrow={narrow} />
    </Space>
  );
}
