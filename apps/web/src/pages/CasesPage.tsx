// 案件查询 (supervisors, auditors): every case, searchable and filtered.
import { Link, useSearchParams } from 'react-router-dom';
import { Button, Card, DatePicker, Input, Select, Space, Table, Tag } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api, type ProcessStatus, type ProcessSummary } from '../api';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { useLabels } from '../i18n/labels';
import { useSession } from '../session';
import { caseLink } from '../domain';
import ApiErrorAlert from '../components/ApiErrorAlert';
import { SlaTag, StatusTag } from '../components/Tags';

const PAGE_SIZE = 20;
const STATUSES: ProcessStatus[] = ['running', 'completed', 'failed', 'terminated'];
const DAY = 'YYYY-MM-DD';

export default function CasesPage() {
  const { t, label, fmtTime } = useI18n();
  const { processTypes, typeTitle } = useSession();
  const labels = useLabels();
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k) ?? undefined;
  const q = get('q');
  const type = get('type');
  const status = STATUSES.find((s) => s === get('status'));
  const sla = get('slaBreached');
  const from = get('from');
  const to = get('to');
  const page = Number(get('page') ?? 1) || 1;

  const setParam = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };

  const cases = useLoad(
    () =>
      api.processes({
        q,
        type,
        status,
        slaBreached: sla === undefined ? undefined : sla === 'true',
        from: from ? dayjs(from, DAY).startOf('day').format() : undefined,
        to: to ? dayjs(to, DAY).endOf('day').format() : undefined,
        page,
        pageSize: PAGE_SIZE,
      }),
    [q, type, status, sla, from, to, page],
  );

  return (
    <Card title={t('case.list')} extra={<Button icon={<ReloadOutlined />} onClick={cases.reload} aria-label={t('common.refresh')} />}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          defaultValue={q}
          placeholder={t('case.search')}
          onSearch={(v) => setParam({ q: v.trim() })}
          style={{ width: 280 }}
          data-testid="case-search"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('case.type')}
          style={{ minWidth: 180 }}
          value={type}
          onChange={(v?: string) => setParam({ type: v })}
          options={processTypes.map((p) => ({ value: p.type, label: typeTitle(p.type) }))}
        />
        <Select
          allowClear
          placeholder={t('case.status')}
          style={{ minWidth: 120 }}
          value={status}
          onChange={(v?: string) => setParam({ status: v })}
          options={STATUSES.map((s) => ({ value: s, label: label('status', s) }))}
        />
        <Select
          allowClear
          placeholder={t('case.slaFilter')}
          style={{ minWidth: 120 }}
          value={sla}
          onChange={(v?: string) => setParam({ slaBreached: v })}
          options={[
            { value: 'true', label: t('case.slaBreached') },
            { value: 'false', label: t('case.slaOk') },
          ]}
        />
        <DatePicker.RangePicker
          value={from && to ? [dayjs(from, DAY), dayjs(to, DAY)] : null}
          placeholder={[t('case.dateRange'), t('case.dateRange')]}
          onChange={(r) => setParam({ from: r?.[0]?.format(DAY), to: r?.[1]?.format(DAY) })}
        />
      </Space>
      {!!cases.error && (
        <div style={{ marginBottom: 12 }}>
          <ApiErrorAlert error={cases.error} />
        </div>
      )}
      <Table<ProcessSummary>
        data-testid="case-table"
        rowKey="processId"
        // a case's `children` are ids of child processes, not nested rows
        expandable={{ childrenColumnName: 'nestedRows' }}
        size="middle"
        loading={cases.loading}
        dataSource={cases.data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: cases.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => t('common.total', { n }),
          onChange: (p) => setParam({ page: String(p) }),
        }}
        columns={[
          {
            title: t('case.id'),
            dataIndex: 'processId',
            render: (id: string) => <Link to={caseLink(id)}>{id}</Link>,
          },
          { title: t('case.caseTitle'), dataIndex: 'title', responsive: ['md'] },
          { title: t('case.type'), dataIndex: 'type', render: (v: string) => typeTitle(v) },
          { title: t('case.policy'), dataIndex: 'policy', responsive: ['lg'], render: (v?: string) => label('policy', v) },
          {
            title: t('case.status'),
            key: 'status',
            render: (_, c) => (
              <Space size={4} wrap>
                <StatusTag status={c.status} />
                {c.outcome && <Tag color="purple">{labels.outcome(c.type, c.outcome)}</Tag>}
              </Space>
            ),
          },
          { title: t('case.businessStatus'), dataIndex: 'businessStatus', responsive: ['md'], render: (v: string, c) => labels.status(c.type, v) },
          { title: t('case.startedAt'), dataIndex: 'startedAt', width: 150, render: (v: string) => fmtTime(v) },
          { title: t('case.sla'), dataIndex: 'slaBreached', width: 90, render: (v?: boolean) => <SlaTag breached={v} /> },
        ]}
      />
    </Card>
  );
}
