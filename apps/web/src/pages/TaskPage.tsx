// One task: the case summary, the step's form, one button per decision, and the case's
// timeline beside it. After a decision, a button opens the user's next pending task.
import { useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Input, Result, Row, Space, Spin, Typography } from 'antd';
import { api, findTask, type JsonObject, type Task } from '../api';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { useLabels } from '../i18n/labels';
import { useSession } from '../session';
import ApiErrorAlert from '../components/ApiErrorAlert';
import CaseSummary from '../components/CaseSummary';
import CaseTimeline from '../components/CaseTimeline';
import SchemaForm, { type SchemaFormHandle } from '../components/SchemaForm';
import { DueTag, StatusTag } from '../components/Tags';
import { caseLink, decisionButtonProps, taskLink } from '../domain';

export default function TaskPage() {
  const { taskId = '' } = useParams();
  const [params] = useSearchParams();
  // a new task id starts the page afresh
  return <TaskView key={taskId} taskId={taskId} processId={params.get('processId') ?? undefined} />;
}

function hasFields(schema: Task['formSchema'] | undefined): boolean {
  return !!schema && Object.keys(schema.properties ?? {}).length > 0;
}

function TaskView({ taskId, processId }: { taskId: string; processId?: string }) {
  const { t, lang, label, roleName, fmtTime } = useI18n();
  const { me, typeTitle, refreshCounts } = useSession();
  const labels = useLabels();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const form = useRef<SchemaFormHandle>(null);

  const [formData, setFormData] = useState<JsonObject>({});
  const [comment, setComment] = useState('');
  const [reasonFor, setReasonFor] = useState<string>();
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<Task>();

  const task = useLoad(() => findTask(taskId), [taskId]);
  const pid = task.data?.processId ?? processId;
  const detail = useLoad(() => (pid ? api.process(pid) : Promise.resolve(undefined)), [pid]);
  const history = useLoad(() => (pid ? api.history(pid) : Promise.resolve(undefined)), [pid]);

  if (task.loading && !task.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (task.error) return <ApiErrorAlert error={task.error} />;
  const current = done ?? task.data;
  if (!current) return <Empty description={t('task.notFound')} />;

  const closed = current.status === 'completed' || current.status === 'cancelled';
  const otherHolder = current.status === 'claimed' && current.assignee && current.assignee !== me?.username;
  const locked = closed || !!otherHolder;

  const run = async (key: string, call: () => Promise<unknown>) => {
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

  const claimOrRelease = (action: 'claim' | 'release') =>
    run(action, async () => {
      await api[action](current.taskId);
      message.success(t(action === 'claim' ? 'inbox.claimed' : 'inbox.released'));
      task.reload();
      refreshCounts();
    });

  const decide = (decision: string) => {
    // The task names the decisions that need a reason; the API refuses them without one.
    if (current.reasonRequired.includes(decision) && !comment.trim()) {
      setReasonFor(decision);
      return;
    }
    setReasonFor(undefined);
    const valid = !hasFields(current.formSchema) || !form.current || form.current.validate();
    setInvalid(!valid);
    if (!valid) return;
    return run(decision, async () => {
      const result = await api.complete(current.taskId, {
        decision,
        comment: comment.trim() || undefined,
        data: form.current?.value() ?? formData,
      });
      setDone({ ...current, ...result, status: result.status ?? 'completed', decision: result.decision ?? decision });
      window.scrollTo({ top: 0 });
      refreshCounts();
      history.reload();
      detail.reload();
    });
  };

  const openNext = () =>
    run('next', async () => {
      const pending = await api.tasks({ view: 'pending', page: 1, pageSize: 20 });
      const next = pending.items.find((x) => x.taskId !== current.taskId);
      if (next) navigate(taskLink(next));
      else message.info(t('task.noNext'));
    });

  const decisionLabel = (d: string) => labels.decision(current.processType, d);

  const taskCard = (
    <Card
      title={
        <Space wrap>
          <span data-testid="task-title">{labels.taskTitle(current)}</span>
          <StatusTag status={current.status} />
        </Space>
      }
      extra={!closed && <DueTag dueAt={current.dueAt} overdue={current.overdue} provisional={current.dueProvisional} />}
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          { key: 'type', label: t('task.type'), children: typeTitle(current.processType) },
          { key: 'step', label: t('task.step'), children: <span data-testid="task-step">{labels.step(current.processType, current.step)}</span> },
          {
            key: 'case',
            label: t('task.process'),
            children: <Link to={caseLink(current.processId)}>{current.processId}</Link>,
          },
          {
            key: 'roles',
            label: t('task.candidates'),
            children: current.candidateRoles.map(roleName).join(lang === 'zh' ? '、' : ', '),
          },
          { key: 'created', label: t('task.created'), children: fmtTime(current.createdAt) },
          ...(current.assignee ? [{ key: 'assignee', label: t('task.assignee'), children: current.assignee }] : []),
          ...(current.completedBy
            ? [{ key: 'by', label: t('task.completedBy'), children: current.completedBy }]
            : []),
          ...(current.decision && closed
            ? [{ key: 'decision', label: t('task.decision'), children: decisionLabel(current.decision) }]
            : []),
          ...(current.comment && closed ? [{ key: 'comment', label: t('task.comment'), children: current.comment }] : []),
        ]}
      />
      {!closed && (
        <Space style={{ marginTop: 8 }}>
          {current.status === 'open' && (
            <Button loading={busy === 'claim'} onClick={() => claimOrRelease('claim')} data-testid="claim">
              {t('inbox.claim')}
            </Button>
          )}
          {current.status === 'claimed' && current.assignee === me?.username && (
            <Button loading={busy === 'release'} onClick={() => claimOrRelease('release')} data-testid="release">
              {t('inbox.release')}
            </Button>
          )}
        </Space>
      )}
    </Card>
  );

  const decisionCard = done ? (
    <Card>
      <Result
        status="success"
        title={t('task.done', { decision: decisionLabel(done.decision ?? '') })}
        subTitle={t('task.doneSub')}
        extra={[
          <Button type="primary" key="next" loading={busy === 'next'} onClick={openNext} data-testid="next-task">
            {t('task.next')}
          </Button>,
          <Button key="inbox" onClick={() => navigate('/inbox')}>
            {t('task.toInbox')}
          </Button>,
        ]}
      />
      {!!error && <ApiErrorAlert error={error} />}
    </Card>
  ) : (
    !closed && (
      <Card title={t('task.form')}>
        {otherHolder && (
          <Alert type="warning" showIcon title={t('task.claimedByOther', { user: current.assignee ?? '' })} style={{ marginBottom: 12 }} />
        )}
        {hasFields(current.formSchema) ? (
          <SchemaForm ref={form} schema={current.formSchema} formData={formData} onChange={setFormData} disabled={locked} />
        ) : (
          <Typography.Paragraph type="secondary">{t('task.noForm')}</Typography.Paragraph>
        )}
        <Typography.Text strong>{t('task.comment')}</Typography.Text>
        <Input.TextArea
          id="task-comment"
          data-testid="comment"
          rows={3}
          maxLength={2000}
          value={comment}
          disabled={locked}
          status={reasonFor ? 'error' : undefined}
          placeholder={t('task.commentPlaceholder')}
          onChange={(e) => {
            setComment(e.target.value);
            if (e.target.value.trim()) setReasonFor(undefined);
          }}
          style={{ marginTop: 4 }}
        />
        {reasonFor && (
          <Typography.Text type="danger" data-testid="reason-required">
            {t('task.commentRequired', { decision: decisionLabel(reasonFor) })}
          </Typography.Text>
        )}
        <div style={{ marginTop: 16 }}>
          <Space wrap data-testid="decisions">
            {current.decisions.map((d) => (
              <Button
                key={d}
                {...decisionButtonProps(d, current)}
                disabled={locked || (!!busy && busy !== d)}
                loading={busy === d}
                onClick={() => decide(d)}
                data-decision={d}
              >
                {decisionLabel(d)}
              </Button>
            ))}
          </Space>
        </div>
        {invalid && (
          <Alert type="warning" showIcon title={t('task.formInvalid')} style={{ marginTop: 12 }} data-testid="form-invalid" />
        )}
        {!!error && (
          <div style={{ marginTop: 12 }}>
            <ApiErrorAlert error={error} onClose={() => setError(undefined)} />
          </div>
        )}
      </Card>
    )
  );

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          {taskCard}
          {closed && !done && <Alert type="info" showIcon title={t('task.closed', { status: label('status', current.status) })} />}
          {closed && !done && current.data && hasFields(current.formSchema) && (
            <Card title={t('task.form')}>
              <SchemaForm schema={current.formSchema} formData={current.data} onChange={() => undefined} disabled />
            </Card>
          )}
          {decisionCard}
        </Space>
      </Col>
      <Col xs={24} xl={10}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Card title={t('case.summary')} size="small">
            {detail.error ? (
              <ApiErrorAlert error={detail.error} />
            ) : detail.data ? (
              <CaseSummary detail={detail.data} narrow />
            ) : (
              <Spin />
            )}
          </Card>
          <Card title={t('case.timeline')} size="small">
            {history.error ? <ApiErrorAlert error={history.error} /> : <CaseTimeline events={history.data?.events ?? []} processType={current.processType} />}
          </Card>
        </Space>
      </Col>
    </Row>
  );
}
