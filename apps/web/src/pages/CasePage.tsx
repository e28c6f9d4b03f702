// One case: summary, open tasks, the business timeline with time per step, the link to
// Temporal's Web UI, and for auditors/supervisors the replay verdict and the raw history.
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, List, Space, Spin } from 'antd';
import { DownloadOutlined, ExportOutlined, ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { api, type ReplayResult } from '../api';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { useLabels } from '../i18n/labels';
import { useSession } from '../session';
import { canReplay } from '../roles';
import { saveFile, taskLink } from '../domain';
import ApiErrorAlert from '../components/ApiErrorAlert';
import CaseSummary from '../components/CaseSummary';
import CaseTimeline from '../components/CaseTimeline';
import { DueTag } from '../components/Tags';

export default function CasePage() {
  const { processId = '' } = useParams();
  const { t, fmtTime } = useI18n();
  const { held } = useSession();
  const labels = useLabels();
  const detail = useLoad(() => api.process(processId), [processId]);
  const history = useLoad(() => api.history(processId), [processId]);
  const [replay, setReplay] = useState<ReplayResult>();
  const [busy, setBusy] = useState<'replay' | 'download'>();
  const [error, setError] = useState<unknown>();

  const run = async (key: 'replay' | 'download', call: () => Promise<void>) => {
    setBusy(key);
    setError(undefined);
    try {
      await call();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(undefined);
    }
  };

  const doReplay = () => run('replay', async () => setReplay(await api.replay(processId)));
  const download = () =>
    run('download', async () => saveFile(`${processId}-history.json`, await api.rawHistory(processId)));

  if (detail.loading && !detail.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (detail.error) return <ApiErrorAlert error={detail.error} />;
  const d = detail.data!;
  const temporalUi = d.links?.temporalUi;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={`${t('case.title')} ${d.title || d.processId}`}
        extra={
          <Space wrap>
            {temporalUi && (
              <a href={temporalUi} target="_blank" rel="noreferrer" data-testid="temporal-link">
                <ExportOutlined /> {t('case.temporal')}
              </a>
            )}
            <Button icon={<ReloadOutlined />} onClick={() => (detail.reload(), history.reload())} aria-label={t('common.refresh')} />
          </Space>
        }
      >
        <CaseSummary detail={d} full />
      </Card>

      {canReplay(held) && (
        <Card title={t('case.replay')} size="small">
          <Space wrap>
            <Button
              type="primary"
              icon={<SafetyCertificateOutlined />}
              loading={busy === 'replay'}
              onClick={doReplay}
              data-testid="replay"
            >
              {t('case.replay')}
            </Button>
            <Button icon={<DownloadOutlined />} loading={busy === 'download'} onClick={download} data-testid="download-history">
              {t('case.download')}
            </Button>
          </Space>
          {replay && (
            <Alert
              style={{ marginTop: 12 }}
              data-testid="replay-verdict"
              type={replay.deterministic ? 'success' : 'error'}
              showIcon
              title={replay.deterministic ? t('case.replayOk') : t('case.replayFail')}
              description={
                <div>
                  <div>{t('case.replayInfo', { n: replay.eventsReplayed, at: fmtTime(replay.replayedAt) })}</div>
                  {replay.error && <pre style={{ whiteSpace: 'pre-wrap', margin: '8px 0 0' }}>{replay.error}</pre>}
                </div>
              }
            />
          )}
        </Card>
      )}
      {!!error && <ApiErrorAlert error={error} onClose={() => setError(undefined)} />}

      {d.openTasks.length > 0 && (
        <Card title={t('case.openTasks')} size="small">
          <List
            dataSource={d.openTasks}
            renderItem={(task) => (
              <List.Item extra={<DueTag dueAt={task.dueAt} overdue={task.overdue} provisional={task.dueProvisional} />}>
                <span>
                  <Link to={taskLink(task)}>{labels.taskTitle(task)}</Link>
                  {task.assignee && <span style={{ color: '#888' }}> · {task.assignee}</span>}
                </span>
              </List.Item>
            )}
          />
        </Card>
      )}

      <Card title={t('case.timeline')} size="small">
        {history.error ? <ApiErrorAlert error={history.error} /> : <CaseTimeline events={history.data?.events ?? []} processType={d.type} variant="table" />}
      </Card>
    </Space>
  );
}
